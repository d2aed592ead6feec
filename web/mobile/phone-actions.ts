// The actions a grid worker takes on the phone — 自行处理 (start from reported, with a before photo), 办结 (resolve
// with what was done and an after photo), 上报 (hand up, with a reason), a progress note — which of them an order
// offers, and the action each form makes, checked by the server's own schema.
import type { Role } from '@contract/auth';
import { OrderAction, type AvailableAction, type OrderActionInput, type OrderStatus } from '@contract/orders';
import { issueMessage } from '@contract/messages/issues';
import type { Message } from '@contract/messages/index';
import { actionsFor } from '../orders/allowed-actions';

export const PHONE_ACTIONS = ['start', 'resolve', 'hand_up', 'note'] as const;
export type PhoneAction = (typeof PHONE_ACTIONS)[number];
const isPhoneAction = (a: string): a is PhoneAction => (PHONE_ACTIONS as readonly string[]).includes(a);

/**
 * What the order offers this account: the server's list when the detail carries one (its own guard: holder,
 * grid, status), else the role rule of the status table (what an older server or no connection leaves).
 */
export function offeredActions(status: OrderStatus, role: Role, server?: readonly AvailableAction[]): PhoneAction[] {
  if (server) return server.filter((a) => a.allowed && isPhoneAction(a.action)).map((a) => a.action as PhoneAction);
  // Without the server's list only what the status alone decides: handing up and notes depend on who holds it.
  return actionsFor(status, role).filter((a) => a === 'start' || a === 'resolve');
}

/** 自行处理: a grid worker starting a new report on the spot, which needs a photo of the place before. */
export const onTheSpot = (action: PhoneAction, status: OrderStatus) => action === 'start' && status === 'reported';

/** The text box a form has: a note (optional for start), what was done, the reason, the progress. */
export const textRequired = (action: PhoneAction) => action !== 'start';
export const takesPhoto = (action: PhoneAction) => action !== 'hand_up';

export function actionBody(action: PhoneAction, text: string): OrderActionInput {
  const v = text.trim();
  switch (action) {
    case 'start':
      return { action, note: v || undefined };
    case 'resolve':
      return { action, note: v };
    case 'hand_up':
      return { action, reason: v };
    case 'note':
      return { action, text: v };
  }
}

/** Why the server would refuse the action as the form has it, or null. */
export function actionProblem(body: OrderActionInput): Message | string | null {
  const r = OrderAction.safeParse(body);
  return r.success ? null : issueMessage(r.error.issues[0]);
}

/** The words an action carries, for the outbox. */
export function actionText(body: OrderActionInput): string {
  if ('text' in body) return body.text;
  if ('reason' in body && typeof body.reason === 'string') return body.reason;
  if ('note' in body && typeof body.note === 'string') return body.note;
  return '';
}
