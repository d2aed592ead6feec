// Grid-worker endpoints for the supervisor page and the wall: workers, live positions, trails, coverage,
// visit compliance and the assessment ranking.
import type {
  ComplianceReport,
  CoverageReport,
  LivePosition,
  NearestWorker,
  Ranking,
  Trail,
  TrailCollection,
  WorkerSummary,
} from '@contract/workers';
import { request } from './client';

export const listWorkers = (signal?: AbortSignal) => request<WorkerSummary[]>('/api/workers', { signal });
export const livePositions = (signal?: AbortSignal) => request<LivePosition[]>('/api/workers/live', { signal });
export const workerTrail = (id: number, from: string, to: string, signal?: AbortSignal) =>
  request<Trail>(`/api/workers/${id}/trail`, { query: { from, to }, signal });
export const areaTrails = (areaId: number, from: string, to: string, signal?: AbortSignal) =>
  request<TrailCollection>(`/api/areas/${areaId}/trails`, { query: { from, to }, signal });
export const coverage = (areaId: number, day: string, period: 'day' | 'week' = 'day', signal?: AbortSignal) =>
  request<CoverageReport>(`/api/areas/${areaId}/coverage`, { query: { day, period }, signal });
export const visitCompliance = (
  q: { period?: 'week' | 'month'; month?: string; week?: string; area?: number; persons?: boolean; purpose?: string },
  signal?: AbortSignal,
) =>
  request<ComplianceReport>('/api/visits/compliance', {
    query: { ...q, persons: q.persons ? 'true' : undefined },
    signal,
  });
export const ranking = (
  q: { month?: string; area?: number; by: 'grid' | 'worker'; weights?: string },
  signal?: AbortSignal,
) => request<Ranking>('/api/workers/ranking', { query: q, signal });
export const nearestWorkers = (orderId: number, limit = 5, signal?: AbortSignal) =>
  request<NearestWorker[]>(`/api/orders/${orderId}/nearest-workers`, { query: { limit }, signal });
