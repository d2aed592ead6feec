// Typed client of dispute mediation (三级调解): one mediation per dispute order, and its statistics.
import type {
  FollowupInput,
  MediationOfOrder,
  MediationOpen,
  MediationStats,
  OutcomeInput,
  ReferInput,
  SessionInput,
} from '@contract/mediation';
import { request } from './client';

const base = (id: number) => `/api/orders/${id}/mediation`;
const post = <B>(path: string, body: B) => request<MediationOfOrder>(path, { method: 'POST', body });

export const getMediation = (id: number, signal?: AbortSignal) => request<MediationOfOrder>(base(id), { signal });
export const openMediation = (id: number, body: MediationOpen) => post(base(id), body);
export const addSession = (id: number, body: Partial<SessionInput> & { note: string }) =>
  post(`${base(id)}/sessions`, body);
export const referUp = (id: number, body: ReferInput) => post(`${base(id)}/refer`, body);
export const recordOutcome = (id: number, body: Partial<OutcomeInput> & Pick<OutcomeInput, 'outcome' | 'note'>) =>
  post(`${base(id)}/outcome`, body);
export const logFollowup = (id: number, body: FollowupInput) => post(`${base(id)}/followup`, body);

export const getMediationStats = (groupBy: 'stage' | 'type' | 'area' | 'cause', area?: number, signal?: AbortSignal) =>
  request<MediationStats>('/api/mediation/stats', { query: { groupBy, area }, signal });
