// Pushes `inbox:new` to the accounts an order event is addressed to, once the event is published: the event's
// new holder, the supervising level it was escalated to, the party that dispatched it (a request for more time),
// the departments asked to assist. The hub calls this after each publish; the list itself is read from the trail.
import type { InboxPush } from '../../contract/inbox.js';
import type { Db } from '../db/index.js';
import type { Published } from '../events/log.js';
import { eventFacts, recipients, type Target } from './queries.js';

type Facts = Awaited<ReturnType<typeof eventFacts>>[number];

const partyOf = (v: unknown): { kind: string; areaId: number | null; dept: string | null } | null => {
  if (!v || typeof v !== 'object') return null;
  const p = v as { kind?: unknown; areaId?: unknown; dept?: unknown };
  if (typeof p.kind !== 'string') return null;
  return {
    kind: p.kind,
    areaId: typeof p.areaId === 'number' ? p.areaId : null,
    dept: typeof p.dept === 'string' ? p.dept : null,
  };
};

/** The parties one event is addressed to, and why. */
export function targetsOf(f: Facts): Target[] {
  const base = { seq: f.seq, orderId: f.orderId, orderPath: f.orderPath, actorId: f.actorId };
  const out: Target[] = [];
  const holder = partyOf(f.data?.holder);
  if (holder) out.push({ ...base, ...holder, reason: 'handed' });
  const supervisor = partyOf(f.data?.supervisor);
  if (supervisor) out.push({ ...base, ...supervisor, reason: 'escalated' });
  if (f.action === 'request_extension' && f.dispatchedKind)
    out.push({ ...base, kind: f.dispatchedKind, areaId: f.dispatchedAreaId, dept: null, reason: 'extension' });
  if (f.action === 'request_assist' && Array.isArray(f.data?.depts))
    for (const dept of f.data.depts as unknown[])
      if (typeof dept === 'string') out.push({ ...base, kind: 'department', areaId: null, dept, reason: 'assist' });
  return out;
}

export function inboxNotifier(db: Db, emit: (accountId: number, push: InboxPush) => void, log: (m: string) => void) {
  return async (events: Published[]): Promise<void> => {
    const seqs = events.filter((e) => e.topic.startsWith('order:')).map((e) => e.payload.seq);
    if (!seqs.length) return;
    try {
      const facts = await eventFacts(db, seqs);
      const to = await recipients(db, facts.flatMap(targetsOf));
      for (const r of to) emit(r.accountId, { seq: r.seq, orderId: r.orderId, reason: r.reason });
    } catch (err) {
      log(`inbox push: ${(err as Error).message}`); // the list is still there when the client asks
    }
  };
}
