// China Standard Time (UTC+8, no daylight saving) days and months, as position partitions and duty hours use them.

export const CST_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of the CST day holding the instant. */
export const cstDay = (t: number): string => new Date(t + CST_OFFSET_MS).toISOString().slice(0, 10);

/** Epoch ms of the CST midnight that starts the day 'YYYY-MM-DD'. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

/** Minutes after CST midnight. */
export const cstMinuteOfDay = (t: number): number =>
  Math.floor(((((t + CST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);

/** 'YYYY-MM' of the CST month holding the instant. */
export const cstMonth = (t: number): string => cstDay(t).slice(0, 7);

/** [start, end) epoch ms of the CST month 'YYYY-MM'. */
export function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [Date.parse(`${month}-01T00:00:00+08:00`), Date.parse(`${next}-01T00:00:00+08:00`)];
}
