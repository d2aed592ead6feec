// Who acts at which stage of a mediation (pure): the grid worker of the order's grid at 初调, the community's staff
// (a dispatcher scoped to the community) at 调委会, the street's staff at 司法所. The district centre reads only.
import { DISPUTE_CAUSES } from '../../contract/dispute-causes.js';
import type { MediationStage } from '../../contract/mediation.js';
import { maskText } from '../privacy/mask-text.js';

export interface MediationActor {
  role: string;
  areaLevel: string;
  areaPath: string;
}

/** The stage this account mediates for an order at `orderPath`, or null when it is none of the three parties. */
export function stageOf(actor: MediationActor, orderPath: string): MediationStage | null {
  if (!orderPath.startsWith(actor.areaPath)) return null;
  if (actor.role === 'grid_worker') return 'grid';
  if (actor.role !== 'dispatcher') return null;
  if (actor.areaLevel === 'community') return 'community';
  if (actor.areaLevel === 'street') return 'street';
  return null;
}

/** Whether free text holds something the privacy detectors would mask: an identity or card number, a phone, a name after its label, a plate, a flat. */
export const holdsPersonalData = (text: string): boolean => maskText(text) !== text;

/** Due dates of follow-up visits `days` after `at`. */
export const followupDates = (at: Date, days: readonly number[]): string[] =>
  [...new Set(days)].sort((a, b) => a - b).map((d) => new Date(at.getTime() + d * 86_400_000).toISOString());

/** The median of a list of numbers; null when empty. */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const KNOWN_CAUSES = new Set(DISPUTE_CAUSES.map((c) => c.code));
