// Area endpoints: the district → street → community → grid hierarchy, scoped by the server to the user.
import type { AreaCollection, AreaDetail, AreaLevel, AreaProfile, CityProfile } from '@contract/areas';
import { request } from './client';

export const listAreas = (query: { level?: AreaLevel; parent?: number }, signal?: AbortSignal) =>
  request<AreaCollection>('/api/areas', { query, signal });
export const getArea = (id: number, signal?: AbortSignal) => request<AreaDetail>(`/api/areas/${id}`, { signal });
export const getAreaProfile = (id: number, signal?: AbortSignal) =>
  request<AreaProfile>(`/api/areas/${id}/profile`, { signal });
/** The city above the districts: every district in scope summed. */
export const getCityProfile = (signal?: AbortSignal) => request<CityProfile>('/api/city/profile', { signal });
