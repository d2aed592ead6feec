// Imports, re-gridding proposals and exports: upload a layer for a validation report, then accept or cancel.
import type { ImportReport } from '@contract/imports';
import type { AreaLevel } from '@contract/areas';
import { request } from './client';

export interface ImportUpload {
  level: AreaLevel;
  crs: string;
  mapping: { name?: string; code?: string; parent?: string; parentBy?: 'auto' | 'code' | 'name'; households?: string; wkt?: string; lon?: string; lat?: string };
  parentId?: number;
  specialClass?: 'daily' | 'key' | 'linkage';
}

export interface ImportSummary {
  id: number;
  kind: string;
  status: string;
  level: AreaLevel;
  filename: string;
  features: number;
  errors: number;
  createdAt: string;
}

export function uploadImport(file: File, options: ImportUpload): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('options', JSON.stringify(options));
  return request<ImportReport>('/api/imports', { method: 'POST', body: form });
}
export const getImport = (id: number) => request<ImportReport>(`/api/imports/${id}`);
export const listImports = () => request<ImportSummary[]>('/api/imports');
export const acceptImport = (id: number) => request<ImportReport>(`/api/imports/${id}/accept`, { method: 'POST' });
export const cancelImport = (id: number) => request<ImportReport>(`/api/imports/${id}/cancel`, { method: 'POST' });
export const proposeRegrid = (communityId: number, minHouseholds = 300, maxHouseholds = 500) =>
  request<ImportReport>('/api/regrid', { method: 'POST', body: { communityId, minHouseholds, maxHouseholds } });
export const exportUrl = (level: AreaLevel, format: 'geojson' | 'shp' | 'csv', crs: 'wgs84' | 'gcj02') =>
  `/api/export/areas?${new URLSearchParams({ level, format, crs })}`;
