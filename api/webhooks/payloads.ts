// What a webhook receives of an event: the order summary the wall gets (never the reporter, never free text) or
// the alarm as the wall shows it, and for Open311 clients the request's status in GeoReport terms.
import { AlarmPush, OrderSummary } from '../../contract/orders.js';
import type { WebhookTopic } from '../../contract/webhooks.js';
import { renderMessage } from '../../contract/messages/index.js';
import { open311Status, statusNotes, toCst } from '../orders/open311/public-view.js';

/** Event-log topics and the webhook topic each is delivered as. */
export const TOPIC_OF_PUSH: Readonly<Record<string, WebhookTopic>> = {
  'order:created': 'order.created',
  'order:updated': 'order.updated',
  'order:moved': 'order.updated',
  'order:escalated': 'order.escalated',
  alarm: 'alarm',
};

export const pushTopicsFor = (topics: readonly WebhookTopic[]): string[] =>
  Object.entries(TOPIC_OF_PUSH)
    .filter(([, t]) => topics.includes(t))
    .map(([p]) => p);

/** The payload of an event-log entry as a webhook carries it; null when it has nothing to send. */
export function hookPayload(topic: WebhookTopic, payload: Record<string, unknown>): Record<string, unknown> | null {
  if (topic === 'alarm') {
    const a = AlarmPush.safeParse(payload);
    if (!a.success) return null;
    const { kind, severity, message, orderId, areaId, workerAlarm } = a.data;
    const text =
      typeof message === 'string' ? message : renderMessage(message as Parameters<typeof renderMessage>[0], 'zh-CN');
    return {
      kind,
      severity,
      text,
      ...(orderId !== undefined && { orderId }),
      ...(areaId !== undefined && { areaId }),
      ...(workerAlarm && { workerAlarm }),
    };
  }
  const o = OrderSummary.safeParse(payload.order);
  if (!o.success) return null;
  const extra: Record<string, unknown> = {};
  if (topic === 'order.escalated')
    for (const k of ['action', 'fromLevel', 'toLevel']) if (payload[k] !== undefined) extra[k] = payload[k];
  return { ...extra, order: o.data };
}

/** Steps that say nothing new to the public (cards and escalation are the centre's business). */
export const OPEN311_SILENT = ['yellow_card', 'red_card', 'escalate', 'report'] as const;

/** An Open311 status change: service_request_id, status open/closed, status_notes, updated_datetime. */
export function open311Payload(orderId: number, status: string, action: string, at: string) {
  return {
    service_request_id: String(orderId),
    status: open311Status(status as Parameters<typeof open311Status>[0]),
    status_notes: statusNotes(action),
    updated_datetime: toCst(at),
  };
}
