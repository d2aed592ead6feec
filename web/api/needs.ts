// Needs surveys, triage and resources: need rates, breakdowns, trend and heat cells; resources and gaps.
import type { NeedBreakdown, NeedHeat, NeedItemDef, NeedRates, NeedTrend, Triage, TriageInput } from '@contract/needs';
import type { Gaps, Resource, ResourceKind } from '@contract/resources';
import { request } from './client';

type Q = Record<string, string | number | undefined>;
export const getNeedItems = () =>
  request<{ items: NeedItemDef[]; groups: { code: string; zh: string; en: string }[] }>('/api/needs/items');
export const getNeedRates = (query: { area?: number; group?: string; month?: string }, signal?: AbortSignal) =>
  request<NeedRates>('/api/needs/rates', { query, signal });
export const getNeedBreakdown = (
  query: { area?: number; by: 'street' | 'community' | 'grid' | 'group'; month?: string; need?: string; top?: number },
  signal?: AbortSignal,
) => request<NeedBreakdown>('/api/needs/breakdown', { query: query as Q, signal });
export const getNeedTrend = (query: { area?: number; group?: string; needs?: string }, signal?: AbortSignal) =>
  request<NeedTrend>('/api/needs/trend', { query, signal });
export const getNeedHeat = (
  query: { need: string; res: 7 | 8 | 9; area?: number; month?: string },
  signal?: AbortSignal,
) => request<NeedHeat>('/api/needs/heat', { query, signal });
export const listTriage = (query: { area?: number; need?: string }, signal?: AbortSignal) =>
  request<Triage[]>('/api/needs/triage', { query, signal });
export const triageNeed = (body: TriageInput) => request<Triage>('/api/needs/triage', { method: 'POST', body });
export const listResources = (query: { kind?: ResourceKind[]; area?: number }, signal?: AbortSignal) =>
  request<Resource[]>('/api/resources', { query: { kind: query.kind?.join(','), area: query.area }, signal });
export const getGaps = (
  query: { need: string; radius: 300 | 500 | 1000; area?: number; limit?: number },
  signal?: AbortSignal,
) => request<Gaps>('/api/resources/gaps', { query, signal });
export const reportUrl = (area: number, month: string | undefined, format: 'html' | 'csv') =>
  `/api/needs/report?${new URLSearchParams({ area: String(area), format, ...(month ? { month } : {}) })}`;
