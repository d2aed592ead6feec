// Deadlines (时限) for work orders by hazard level, and how far along the clock an order is.
// Policy is data. Days can count working days (工作日: weekends and holidays off, 调休 make-up
// workdays on); hours and minutes run on the wall clock. Local time is Asia/Shanghai, a fixed
// UTC+8 with no DST, so the arithmetic uses a constant offset and no time-zone library.
import { bilingual, m } from '../../contract/messages/index.js';
import type { HazardLevel, SlaStateName } from '../../contract/orders.js';
import type { OrderState } from './state.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** '3d', '1d', '2h', '30m'. */
export type Duration = string;

export interface WorkingDays {
  /** Local dates (YYYY-MM-DD) that are off although they fall on a weekday. */
  holidays: readonly string[];
  /** 调休: local dates that are working days although they fall on a weekend. */
  workdays: readonly string[];
  /** Saturday and Sunday are off. */
  weekends: true;
}

export interface SlaPolicy {
  deadlines: Readonly<Record<HazardLevel, Duration>>;
  /** When set, day-based deadlines count working days. */
  workingDays?: WorkingDays;
  /** Share of the time allowed at which the yellow card (黄牌) is due, e.g. 0.75. */
  warnAt: number;
}

/** 一般 3 days, 较大 1 day, 重大 "immediately" (taken as 2 hours), as in the district's hazard rules. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  deadlines: { general: '3d', major: '1d', critical: '2h' },
  warnAt: 0.75,
};

export function parseDuration(d: Duration): { n: number; unit: 'd' | 'h' | 'm' } {
  const match = /^(\d+(?:\.\d+)?)([dhm])$/.exec(d.trim());
  if (!match) throw new Error(bilingual(m('orders.deadlineFormat', { value: d })));
  return { n: Number(match[1]), unit: match[2] as 'd' | 'h' | 'm' };
}

/** Day number of a Shanghai local date (days since 1970-01-01 local). */
const localDay = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
const dayString = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function isWorkingDay(localDate: string, wd: WorkingDays): boolean {
  if (wd.workdays.includes(localDate)) return true;
  if (wd.holidays.includes(localDate)) return false;
  const dow = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return !(wd.weekends && (dow === 0 || dow === 6));
}

/** Ten years of days: a policy that declares every day a holiday must not loop forever. */
const MAX_SCAN_DAYS = 3660;

/**
 * The deadline of an order reported at `reportedAt`.
 * Working days count as deadlines are counted in law (民法典 art. 201): the day of the report does not
 * count, counting starts the next day, and time runs out at 24:00 local of the last working day.
 * So '3d' from Monday 10:00 ends Thursday 24:00; from Friday or Saturday it ends Wednesday 24:00.
 * Without working days, and for hours and minutes, the duration is added on the wall clock. Approved extra time
 * (申请延期, extensionMs) is added last.
 */
export function deadlineFor(reportedAt: Date | string, level: HazardLevel, policy: SlaPolicy, extensionMs = 0): Date {
  return new Date(baseDeadline(reportedAt, level, policy).getTime() + extensionMs);
}

function baseDeadline(reportedAt: Date | string, level: HazardLevel, policy: SlaPolicy): Date {
  const start = typeof reportedAt === 'string' ? Date.parse(reportedAt) : reportedAt.getTime();
  const { n, unit } = parseDuration(policy.deadlines[level]);
  if (unit === 'd' && policy.workingDays) {
    const wd = policy.workingDays;
    let day = localDay(start);
    let counted = 0;
    for (let scanned = 0; counted < Math.ceil(n) && scanned < MAX_SCAN_DAYS; scanned++) {
      day += 1;
      if (isWorkingDay(dayString(day), wd)) counted++;
    }
    return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
  }
  const unitMs = unit === 'd' ? DAY_MS : unit === 'h' ? HOUR_MS : MINUTE_MS;
  return new Date(start + n * unitMs);
}

export type SlaSubject = Pick<
  OrderState,
  'hazardLevel' | 'clockStart' | 'clockStoppedAt' | 'pausedMs' | 'heldSince'
> & {
  /** Approved extra time (申请延期); none when absent. */
  extensionMs?: number;
};

export interface SlaState {
  /** The deadline moved later by every paused (挂起) millisecond so far. */
  deadline: Date;
  /** Elapsed working time over time allowed, paused time excluded; 1 means the deadline is reached. */
  elapsedShare: number;
  state: SlaStateName;
  /** Elapsed and allowed time, in ms, for callers that need the raw figures (escalation). */
  elapsedMs: number;
  allowedMs: number;
}

/** Where the order stands on its clock at `now`: ok, yellow (past warnAt) or red (overdue). */
export function slaState(order: SlaSubject, policy: SlaPolicy, now: Date): SlaState {
  const start = Date.parse(order.clockStart);
  const base = deadlineFor(order.clockStart, order.hazardLevel, policy, order.extensionMs).getTime();
  const stopped = order.clockStoppedAt ? Date.parse(order.clockStoppedAt) : Infinity;
  const end = Math.min(now.getTime(), stopped);
  const heldNow = order.heldSince ? Math.max(0, end - Date.parse(order.heldSince)) : 0;
  const paused = order.pausedMs + heldNow;
  const elapsedMs = Math.max(0, end - start - paused);
  const allowedMs = Math.max(1, base - start);
  const elapsedShare = elapsedMs / allowedMs;
  const state: SlaStateName = elapsedMs > allowedMs ? 'red' : elapsedShare >= policy.warnAt ? 'yellow' : 'ok';
  return { deadline: new Date(base + paused), elapsedShare, state, elapsedMs, allowedMs };
}
