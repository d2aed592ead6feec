// Area endpoints: the district → street → community → grid hierarchy, scoped by the server to the user.
import type { AreaCollection, AreaDetail, AreaLevel, AreaProfile } from '@contract/areas';
import { request } from './client';

export const listAreas = (query: { level?: AreaLevel; parent?: number }, signal?: AbortSignal) =>
  request<AreaCollection>('/api/areas', { query, signal });
export const getArea = (id: number, signal?: AbortSignal) => request<AreaDetail>(`/api/areas/${id}`, { signal });
export const getAreaProfile = (id: number, signal?: AbortSignal) =>
  request<AreaProfile>(`/api/areas/${id}/profile`, { signal });
