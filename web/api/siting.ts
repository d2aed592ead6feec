// Siting endpoints: coverage of existing canteens / stations, demand cells for instant what-if, the optimizer and saved scenarios.
import type {
  CoverageResponse,
  DemandCells,
  OptimizeRequest,
  OptimizeResult,
  Scenario,
  ScenarioCreate,
  ScenarioSummary,
  SitingKind,
  SitingTarget,
} from '@contract/siting';
import { request } from './client';

export const getCoverage = (query: { kind: SitingKind; radius: number; area?: number }, signal?: AbortSignal) =>
  request<CoverageResponse>('/api/siting/coverage', { query, signal });
export const getDemandCells = (
  query: { kind: SitingKind; target: SitingTarget; radius: number; area?: number },
  signal?: AbortSignal,
) => request<DemandCells>('/api/siting/demand', { query, signal });
export const runOptimize = (body: OptimizeRequest, signal?: AbortSignal) =>
  request<OptimizeResult>('/api/siting/optimize', { method: 'POST', body, signal });
export const listScenarios = () => request<ScenarioSummary[]>('/api/siting/scenarios');
export const getScenario = (id: number) => request<Scenario>(`/api/siting/scenarios/${id}`);
export const saveScenario = (body: ScenarioCreate) =>
  request<Scenario>('/api/siting/scenarios', { method: 'POST', body });
export const deleteScenario = (id: number) => request<void>(`/api/siting/scenarios/${id}`, { method: 'DELETE' });
export const scenarioExportUrl = (id: number, format: 'geojson' | 'csv' | 'shp', crs: 'wgs84' | 'gcj02' = 'wgs84') =>
  `/api/siting/scenarios/${id}/export?format=${format}&crs=${crs}`;
