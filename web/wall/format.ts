// Number formatting for the wall (locale-aware thousands separators, one-decimal shares).
// A count of people the server withheld (fewer than 10) arrives as null and shows as "<10".
export const formatCount = (n: number | null, locale: string) =>
  n === null ? '<10' : new Intl.NumberFormat(locale).format(n);
export const formatShare = (part: number | null, whole: number | null, locale: string) =>
  part === null || whole === null
    ? '—'
    : new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        whole > 0 ? part / whole : 0,
      );
