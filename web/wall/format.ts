// Number formatting for the wall (locale-aware thousands separators, one-decimal shares).
export const formatCount = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);
export const formatShare = (part: number, whole: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(whole > 0 ? part / whole : 0);
