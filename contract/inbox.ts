// Each account's inbox (待办提醒): the order events addressed to the party it acts for, derived from the orders'
// event trail, with the account's own read marks. New ones are pushed as `inbox:new` to that account's sockets.
import { z } from 'zod';
import { HazardLevel, OrderStatus } from './orders.js';

/** Why an event is in this inbox: the order was handed to the party, escalated to its level, or asks it for something. */
export const INBOX_REASONS = ['handed', 'escalated', 'extension', 'assist'] as const;
export const InboxReason = z.enum(INBOX_REASONS);
export type InboxReason = z.infer<typeof InboxReason>;

export const InboxItem = z.object({
  seq: z.number().int(),
  orderId: z.number().int(),
  at: z.iso.datetime(),
  /** The step that put it here (hand_down, dispatch, escalate, request_extension, …). */
  action: z.string(),
  reason: InboxReason,
  categoryCode: z.string(),
  status: OrderStatus,
  hazardLevel: HazardLevel,
  read: z.boolean(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxList = z.object({
  items: z.array(InboxItem),
  unread: z.number().int().min(0),
});
export type InboxList = z.infer<typeof InboxList>;

export const InboxQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Marks read: everything up to a seq, or the events named. */
export const InboxReadRequest = z
  .object({
    upTo: z.number().int().min(0).optional(),
    ids: z.array(z.number().int().min(1)).max(500).optional(),
  })
  .refine((b) => b.upTo !== undefined || (b.ids?.length ?? 0) > 0, { message: 'inbox.readNothing' });
export type InboxReadRequest = z.infer<typeof InboxReadRequest>;

/** The socket push of a new inbox event (the list is fetched again for its detail). */
export const InboxPush = z.object({ seq: z.number().int(), orderId: z.number().int(), reason: InboxReason });
export type InboxPush = z.infer<typeof InboxPush>;
