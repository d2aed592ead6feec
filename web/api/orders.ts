// Work-order endpoints: the catalogue, lists and details, reports (idempotent), actions, the
// aggregates for walls (KPIs, three rates, root causes), duplicates, departments and photos.
import type { OrderCategory } from '@contract/order-categories';
import type {
  AlarmPush,
  OrderActionInput,
  OrderCreate,
  OrderDetail,
  OrderStatus,
  OrderSummary,
  PublicText,
} from '@contract/orders';
import type { Kpis, PartyStatsRow, RateRow, RootCause, StatsGroupBy } from '@contract/order-stats';
import { request } from './client';

export interface OrderListQuery {
  status?: readonly OrderStatus[];
  category?: string;
  area?: number;
  from?: string;
  to?: string;
  overdue?: boolean;
  limit?: number;
  before?: number;
  /** 'mine': the orders the account's party holds (a department: held by it or assisting). */
  holder?: 'mine';
}

export interface DuplicateCandidate {
  id: number;
  distance: number;
  status: string;
  reportedAt: string;
}
export interface Department {
  code: string;
  name: string;
  nameEn: string;
}
export interface CreateOrderResponse {
  order: OrderSummary;
  created: boolean;
  duplicates: DuplicateCandidate[];
}

export const listCategories = () => request<OrderCategory[]>('/api/order-categories');

/** The latest alarms in scope, newest first. */
export const listAlarms = (limit = 100) => request<AlarmPush[]>('/api/alarms', { query: { limit } });

export const listOrders = (q: OrderListQuery = {}, signal?: AbortSignal) =>
  request<OrderSummary[]>('/api/orders', {
    signal,
    query: {
      status: q.status?.length ? q.status.join(',') : undefined,
      category: q.category || undefined,
      area: q.area,
      from: q.from,
      to: q.to,
      overdue: q.overdue ? 'true' : undefined,
      limit: q.limit,
      before: q.before,
      holder: q.holder,
    },
  });

/** Publishes the text Open311 shows of an order (the server masks it and answers with what it stored). */
export const putPublicText = (id: number, text: string) =>
  request<PublicText>(`/api/orders/${id}/public-text`, { method: 'PUT', body: { text } });
export const deletePublicText = (id: number) => request<void>(`/api/orders/${id}/public-text`, { method: 'DELETE' });
/** `wall`: the order is shown on a wall, and the server masks its free text whoever is signed in. */
export const getOrder = (id: number, signal?: AbortSignal, view: 'console' | 'wall' = 'console') =>
  request<OrderDetail>(`/api/orders/${id}`, { signal, query: view === 'wall' ? { view } : undefined });

/** The key makes a retry (offline queue, flaky network) return the same order instead of a second one. */
export const createOrder = (body: OrderCreate, idempotencyKey: string) =>
  request<CreateOrderResponse>('/api/orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

export const actOnOrder = (id: number, action: OrderActionInput) =>
  request<{ order: OrderSummary }>(`/api/orders/${id}/actions`, { method: 'POST', body: action });

export const getKpis = (area?: number, signal?: AbortSignal) =>
  request<Kpis>('/api/orders/kpis', { query: { area }, signal });

export const getRates = (
  q: { groupBy: StatsGroupBy; area?: number; from?: string; to?: string },
  signal?: AbortSignal,
) => request<RateRow[]>('/api/orders/stats', { query: q, signal });

export const getPartyStats = (q: { area?: number; from?: string; to?: string } = {}, signal?: AbortSignal) =>
  request<PartyStatsRow[]>('/api/orders/parties', { query: q, signal });

export const getRootCauses = (
  q: { area?: number; days?: number; radius?: number; minCount?: number } = {},
  signal?: AbortSignal,
) => request<RootCause[]>('/api/root-causes', { query: q, signal });

export const getDuplicates = (id: number, signal?: AbortSignal) =>
  request<DuplicateCandidate[]>(`/api/orders/${id}/duplicates`, { signal });

export const listDepartments = () => request<Department[]>('/api/departments');

export function uploadPhoto(file: Blob, name = 'photo.jpg'): Promise<{ id: string }> {
  const form = new FormData();
  form.append('photo', file, name);
  return request<{ id: string }>('/api/photos', { method: 'POST', body: form });
}

export const photoUrl = (id: string) => `/api/photos/${encodeURIComponent(id)}`;
