// Outbound webhooks: subscriptions an administrator keeps for gateways (SMS, WeChat, the 12345 hotline), each
// receiving the events of its topics under its area as signed JSON POSTs, retried with backoff, with a delivery log.
import { z } from 'zod';

export const WEBHOOK_TOPICS = ['order.created', 'order.updated', 'order.escalated', 'alarm', 'open311.status'] as const;
export const WebhookTopic = z.enum(WEBHOOK_TOPICS);
export type WebhookTopic = z.infer<typeof WebhookTopic>;

/** Waits before each retry: after the first failed try 1 min, then 5 min, 30 min, 2 h, 12 h; then it has failed. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000] as const;

export const WebhookInput = z.object({
  name: z.string().trim().min(1, 'webhooks.nameRequired').max(100),
  url: z.string().trim().min(1, 'webhooks.urlRequired').max(2000),
  topics: z.array(WebhookTopic).min(1, 'webhooks.topicsRequired').max(WEBHOOK_TOPICS.length),
  /** The area whose events it receives; the administrator's own scope when left out. */
  areaId: z.number().int().optional(),
  /** For 'open311.status': the Open311 client account whose requests' status changes it receives. */
  clientAccountId: z.number().int().optional(),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

export const WebhookPatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  url: z.string().trim().min(1).max(2000).optional(),
  topics: z.array(WebhookTopic).min(1).max(WEBHOOK_TOPICS.length).optional(),
  active: z.boolean().optional(),
});
export type WebhookPatch = z.infer<typeof WebhookPatch>;

export const Webhook = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  topics: z.array(WebhookTopic),
  areaId: z.number().int().nullable(),
  areaName: z.string(),
  clientAccountId: z.number().int().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  pending: z.number().int(),
  failed: z.number().int(),
});
export type Webhook = z.infer<typeof Webhook>;

/** The answer to a create: the secret is shown this once and never again. */
export const WebhookCreated = z.object({ webhook: Webhook, secret: z.string() });
export type WebhookCreated = z.infer<typeof WebhookCreated>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const Delivery = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  topic: WebhookTopic,
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
