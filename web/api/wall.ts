// The wall's own endpoints: the alarm center (history, acknowledge) and layouts.
import type { AlarmPush } from '@contract/orders';
import type { AlarmAckPush, LayoutInput, WallLayout } from '@contract/wall';
import { request } from './client';

export const alarmHistory = (q: { state?: 'open' | 'acked' | 'all'; before?: number; limit?: number } = {}) =>
  request<AlarmPush[]>('/api/alarms', { query: q });

export const ackAlarm = (seq: number, note?: string) =>
  request<AlarmAckPush>(`/api/alarms/${seq}/ack`, { method: 'POST', body: note ? { note } : {} });

export const listLayouts = () => request<WallLayout[]>('/api/wall/layouts');

export const saveLayout = (id: string, input: LayoutInput) =>
  request<WallLayout>(`/api/wall/layouts/${encodeURIComponent(id)}`, { method: 'PUT', body: input });

export const deleteLayout = (id: string) =>
  request<void>(`/api/wall/layouts/${encodeURIComponent(id)}`, { method: 'DELETE' });
