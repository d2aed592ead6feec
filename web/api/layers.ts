// Layer imports (buildings, roads, water, resources, police grids): upload for a dry-run report, then accept or cancel.
import type { LayerImportJob, LayerImportState, LayerKind, LayerReport } from '@contract/layers';
import { request } from './client';

export interface LayerUpload {
  layer: LayerKind;
  crs: string;
  m2PerHousehold?: number;
  defaultFloors?: number;
}

/** Uploads a layer: the server answers at once with the import, which a job then analyses (poll it with getLayer). */
export function uploadLayer(file: File, options: LayerUpload): Promise<LayerImportJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('options', JSON.stringify(options));
  return request<LayerImportJob>('/api/layers/imports', { method: 'POST', body: form });
}
/** The import's report once analysed, else where its analysis stands. */
export const getLayer = (id: number) => request<LayerImportState>(`/api/layers/imports/${id}`);
export const acceptLayer = (id: number) => request<LayerReport>(`/api/layers/imports/${id}/accept`, { method: 'POST' });
export const cancelLayer = (id: number) =>
  request<LayerImportState>(`/api/layers/imports/${id}/cancel`, { method: 'POST' });
