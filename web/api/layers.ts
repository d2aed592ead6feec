// Layer imports (buildings, roads, water, resources, police grids): upload for a dry-run report, then accept or cancel.
import type { LayerKind, LayerReport } from '@contract/layers';
import { request } from './client';

export interface LayerUpload {
  layer: LayerKind;
  crs: string;
  m2PerHousehold?: number;
  defaultFloors?: number;
}

export function uploadLayer(file: File, options: LayerUpload): Promise<LayerReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('options', JSON.stringify(options));
  return request<LayerReport>('/api/layers/imports', { method: 'POST', body: form });
}
export const acceptLayer = (id: number) => request<LayerReport>(`/api/layers/imports/${id}/accept`, { method: 'POST' });
export const cancelLayer = (id: number) => request<LayerReport>(`/api/layers/imports/${id}/cancel`, { method: 'POST' });
