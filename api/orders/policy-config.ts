// Builds the SLA and escalation policy from configuration: deadlines per hazard level, the optional
// working-day calendar (a JSON file of holidays and 调休 make-up working days), the warning share.
import fs from 'node:fs';
import { z } from 'zod';
import { HAZARD_LEVELS } from '../../contract/orders.js';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from '../../core/orders/escalation.js';
import { DEFAULT_SLA_POLICY, parseDuration, type SlaPolicy } from '../../core/orders/sla.js';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
const Calendar = z.object({ holidays: z.array(LocalDate).default([]), workdays: z.array(LocalDate).default([]) });

export interface PolicySettings {
  /** 'general=3d,major=1d,critical=2h'; levels left out keep their default. */
  deadlines?: string;
  /** Path of a JSON file { "holidays": [...], "workdays": [...] }; when set, day deadlines count working days. */
  calendarFile?: string;
  warnAt?: number;
  escalateEvery?: number;
}

export function parseDeadlines(spec: string): SlaPolicy['deadlines'] {
  const out: Record<string, string> = { ...DEFAULT_SLA_POLICY.deadlines };
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [level, duration] = part.split('=').map((x) => x?.trim());
    if (!(HAZARD_LEVELS as readonly string[]).includes(level) || !duration) {
      throw new Error(
        `GRIDWALL_SLA_DEADLINES: "${part}" should look like general=3d (levels: ${HAZARD_LEVELS.join(', ')})`,
      );
    }
    parseDuration(duration); // throws with a message on a bad duration
    out[level] = duration;
  }
  return out as SlaPolicy['deadlines'];
}

export function policyFrom(s: PolicySettings): EscalationPolicy {
  const sla: SlaPolicy = {
    deadlines: s.deadlines ? parseDeadlines(s.deadlines) : DEFAULT_SLA_POLICY.deadlines,
    warnAt: s.warnAt ?? DEFAULT_SLA_POLICY.warnAt,
  };
  if (s.calendarFile) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(s.calendarFile, 'utf8'));
    } catch (e) {
      throw new Error(`GRIDWALL_WORKING_DAYS_FILE: cannot read ${s.calendarFile}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const cal = Calendar.safeParse(raw);
    if (!cal.success)
      throw new Error(
        `GRIDWALL_WORKING_DAYS_FILE: ${cal.error.issues[0].path.join('.')}: ${cal.error.issues[0].message}`,
      );
    sla.workingDays = { ...cal.data, weekends: true };
  }
  return { sla, escalateEvery: s.escalateEvery ?? DEFAULT_ESCALATION_POLICY.escalateEvery };
}
