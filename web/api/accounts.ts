// Account administration and the audit log (admins).
import type { Account, AccountCreate, AccountUpdate, AuditEntry } from '@contract/accounts';
import { request } from './client';

export const listAccounts = () => request<Account[]>('/api/accounts');
export const createAccount = (body: AccountCreate) => request<Account>('/api/accounts', { method: 'POST', body });
export const updateAccount = (id: number, body: AccountUpdate) =>
  request<Account>(`/api/accounts/${id}`, { method: 'PATCH', body });
export const resetPassword = (id: number, password: string) =>
  request<Account>(`/api/accounts/${id}/password`, { method: 'POST', body: { password } });
export const auditLog = (query: { action?: string; accountId?: number; before?: number; limit?: number }) =>
  request<AuditEntry[]>('/api/audit', { query });
