// Care-file endpoints for the phone: who is due a visit this week, logging a visit (replayed with its client id),
// and referrals.
import type { DueList, Referral } from '@contract/care';
import type { Visit, VisitCreate } from '@contract/workers';
import { request } from './client';

export const dueThisWeek = (purpose: string, signal?: AbortSignal) =>
  request<DueList>('/api/visits/due', { query: { purpose }, signal });
export const logVisit = (body: VisitCreate) => request<Visit>('/api/visits', { method: 'POST', body });
export const listReferrals = (q: { status?: string; overdue?: boolean } = {}, signal?: AbortSignal) =>
  request<Referral[]>('/api/referrals', {
    query: { status: q.status, overdue: q.overdue ? 'true' : undefined },
    signal,
  });
