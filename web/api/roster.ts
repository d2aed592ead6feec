// The grid-worker roster: upload a CSV/XLSX for its report, then accept (one-time passwords answered once) or cancel.
import type { RosterAccepted, RosterReport } from '@contract/roster';
import { request } from './client';

export function uploadRoster(file: File): Promise<RosterReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<RosterReport>('/api/workers/roster', { method: 'POST', body: form });
}
export const acceptRoster = (id: number) =>
  request<RosterAccepted>(`/api/workers/roster/${id}/accept`, { method: 'POST' });
export const cancelRoster = (id: number) =>
  request<RosterReport>(`/api/workers/roster/${id}/cancel`, { method: 'POST' });
