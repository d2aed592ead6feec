// The department list and the responsibility list: upload a CSV/XLSX for its report, then accept or cancel.
import type { DepartmentImportReport, ResponsibilityImportReport } from '@contract/routing-imports';
import { request } from './client';

export type RoutingList = 'departments' | 'responsibilities';
export type RoutingReport<K extends RoutingList> = K extends 'departments'
  ? DepartmentImportReport
  : ResponsibilityImportReport;

export function uploadRoutingList<K extends RoutingList>(
  kind: K,
  file: File,
  opts: { deactivateMissing?: boolean } = {},
): Promise<RoutingReport<K>> {
  const form = new FormData();
  if (opts.deactivateMissing) form.append('deactivateMissing', 'true');
  form.append('file', file, file.name);
  return request<RoutingReport<K>>(`/api/${kind}/import`, { method: 'POST', body: form });
}
export const decideRoutingList = <K extends RoutingList>(kind: K, id: number, how: 'accept' | 'cancel') =>
  request<RoutingReport<K>>(`/api/${kind}/import/${id}/${how}`, { method: 'POST' });
export const routingTemplate = (kind: RoutingList, format: 'csv' | 'xlsx') => `/api/${kind}/import/template.${format}`;
