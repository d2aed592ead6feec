// Who held an order and for how long, read from its event trail: an event that moves the order records the new
// holder in data.holder and the previous one in data.fromHolder (contract/parties.ts). The first holder holds it
// from the report on; each move ends the previous holder's time.
import { NamedParty, Party } from '@contract/parties';
import type { OrderEvent } from '@contract/orders';

export interface HolderMove {
  seq: number;
  holder: Party & { name?: string };
  fromHolder: (Party & { name?: string }) | null;
  /** How long the previous holder held it, in ms (from the report or the previous move to this one). */
  heldMs: number;
}

/** A party in an event's data, with its name when the server gave one; null when absent or malformed. */
export function partyOf(value: unknown): (Party & { name?: string }) | null {
  const named = NamedParty.safeParse(value);
  if (named.success) return named.data;
  const plain = Party.safeParse(value);
  return plain.success ? plain.data : null;
}

const same = (a: Party | null, b: Party | null) =>
  !!a && !!b && a.kind === b.kind && a.areaId === b.areaId && (a.dept ?? null) === (b.dept ?? null);

/** The holder an event names, unless the event left the order where it was (a step that names the same party twice). */
function movedTo(e: OrderEvent): (Party & { name?: string }) | null {
  const holder = partyOf(e.data?.holder);
  return holder && !same(holder, partyOf(e.data?.fromHolder)) ? holder : null;
}

/** The moves of the order between holders, oldest first, each with how long the holder before held it. */
export function holderMoves(events: readonly OrderEvent[]): HolderMove[] {
  const moves: HolderMove[] = [];
  let since: number | null = null;
  for (const e of events) {
    const at = Date.parse(e.at);
    if (since === null) since = at;
    const holder = movedTo(e);
    if (!holder) continue;
    // The report names the first holder: that starts a holding, it does not end one.
    if (e.action === 'report') {
      since = at;
      continue;
    }
    moves.push({ seq: e.seq, holder, fromHolder: partyOf(e.data?.fromHolder), heldMs: Math.max(0, at - since) });
    since = at;
  }
  return moves;
}

/** Since when the current holder holds the order: the last move, else the report. */
export function heldSince(events: readonly OrderEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) if (movedTo(events[i])) return events[i].at;
  return events[0]?.at ?? null;
}

/** A duration in words' numbers: days, hours and minutes, the two largest units that are not zero. */
export function durationParts(ms: number): { d: number; h: number; m: number } {
  const totalMin = Math.floor(Math.max(0, ms) / 60_000);
  return { d: Math.floor(totalMin / 1440), h: Math.floor((totalMin % 1440) / 60), m: totalMin % 60 };
}
