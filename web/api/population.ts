// Population aggregates for map layers: elder density as H3 cells (cells under 10 people never come back).
import type { ElderDensity, ElderMetric } from '@contract/population';
import { request } from './client';

export const getElderDensity = (query: { res: 7 | 8 | 9; metric: ElderMetric; area?: number }, signal?: AbortSignal) =>
  request<ElderDensity>('/api/population/elder-density', { query, signal });
