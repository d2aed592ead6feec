// Satisfaction evaluation: the indicator system and weights, periods, results, trends, drill-down, AHP check,
// reverse issues with dispatch, special items and questionnaire import.
import type {
  AhpCheck,
  AreaDetail,
  DispatchInput,
  EvalLevel,
  EvalPeriod,
  EvalSystem,
  ImportResult,
  Results,
  ReverseIssue,
  ReverseList,
  Trend,
  WeightsInput,
} from '@contract/evaluation';
import { request } from './client';

export const getSystem = (signal?: AbortSignal) => request<EvalSystem>('/api/evaluation/system', { signal });
export const getPeriods = (signal?: AbortSignal) => request<EvalPeriod[]>('/api/evaluation/periods', { signal });
export const getResults = (query: { period?: string; level: EvalLevel; area?: number }, signal?: AbortSignal) =>
  request<Results>('/api/evaluation/results', { query, signal });
/**
 * The latest period's results, or null while there is no period at all (a district just imported): the periods are
 * asked first, so such a wall shows that there is none instead of a refused request.
 */
export async function latestResults(
  query: { level: EvalLevel; area?: number },
  signal?: AbortSignal,
): Promise<Results | null> {
  if (!(await getPeriods(signal)).length) return null;
  return getResults(query, signal);
}
export const getTrend = (query: { level: EvalLevel; area?: number }, signal?: AbortSignal) =>
  request<Trend>('/api/evaluation/trend', { query, signal });
export const getAreaDetail = (id: number, period?: string, signal?: AbortSignal) =>
  request<AreaDetail>(`/api/evaluation/areas/${id}`, { query: { period }, signal });
export const checkAhp = (matrix: number[][], signal?: AbortSignal) =>
  request<AhpCheck>('/api/evaluation/ahp', { method: 'POST', body: { matrix }, signal });
export const putWeights = (body: WeightsInput) =>
  request<EvalSystem>('/api/evaluation/system/weights', { method: 'PUT', body });
export const getReverse = (query: { period?: string; area?: number; min?: number }, signal?: AbortSignal) =>
  request<ReverseList>('/api/evaluation/reverse', { query, signal });
export const dispatchReverse = (body: DispatchInput) =>
  request<ReverseIssue>('/api/evaluation/reverse/dispatch', { method: 'POST', body });
export function importQuestionnaires(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ImportResult>('/api/evaluation/import', { method: 'POST', body: form });
}
