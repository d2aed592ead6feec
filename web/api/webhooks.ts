// Webhook subscriptions and their delivery log (admins).
import type { Delivery, Webhook, WebhookCreated, WebhookInput, WebhookPatch } from '@contract/webhooks';
import { request } from './client';

export const listWebhooks = () => request<Webhook[]>('/api/webhooks');
export const createWebhook = (body: WebhookInput) => request<WebhookCreated>('/api/webhooks', { method: 'POST', body });
export const patchWebhook = (id: number, body: WebhookPatch) =>
  request<Webhook>(`/api/webhooks/${id}`, { method: 'PATCH', body });
export const deleteWebhook = (id: number) => request<void>(`/api/webhooks/${id}`, { method: 'DELETE' });
export const listDeliveries = (id: number, query: { status?: Delivery['status']; limit?: number } = {}) =>
  request<Delivery[]>(`/api/webhooks/${id}/deliveries`, { query });
