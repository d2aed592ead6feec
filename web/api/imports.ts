// Imports, re-gridding proposals and exports: upload a layer for a validation report, then accept or cancel.
import type { ImportReport, RegridAdjust } from '@contract/imports';
import type { AreaLevel } from '@contract/areas';
import type { OnboardingStatus } from '@contract/onboarding';
import { request } from './client';

export interface ImportUpload {
  level: AreaLevel;
  crs: string;
  mapping: {
    name?: string;
    code?: string;
    parent?: string;
    parentBy?: 'auto' | 'code' | 'name';
    households?: string;
    wkt?: string;
    lon?: string;
    lat?: string;
    /** The file gives (latitude, longitude). */
    swapAxes?: boolean;
  };
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
export const adjustRegrid = (id: number, op: RegridAdjust) =>
  request<ImportReport>(`/api/imports/${id}/adjust`, { method: 'POST', body: op });

export type ExportFormat = 'geojson' | 'shp' | 'csv';
export type ExportCrs = 'wgs84' | 'gcj02';
export const exportUrl = (level: AreaLevel, format: ExportFormat, crs: ExportCrs) =>
  `/api/export/areas?${new URLSearchParams({ level, format, crs })}`;
/** Analysis layers: elder density (res 8, 60+), need rates per grid, resources, patrol coverage of a day. */
export function analysisExportUrl(
  layer: 'elder-density' | 'needs' | 'resources' | 'coverage',
  format: ExportFormat,
  crs: ExportCrs,
  day?: string,
): string {
  const q = new URLSearchParams({ format, crs, ...(layer === 'coverage' && day ? { day } : {}) });
  return `/api/export/${layer}?${q}`;
}

export const onboardingStatus = () => request<OnboardingStatus>('/api/onboarding');
