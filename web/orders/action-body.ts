// The request body of each action from the action form's fields: what the server's OrderAction schema asks for.
import type { OrderActionInput, OrderActionName, Rating } from '@contract/orders';
import { needsReason } from './allowed-actions';

export interface ActionForm {
  reason: string;
  note: string;
  leadDept: string;
  assistDepts: string[];
  rating: Rating;
  unreachable: boolean;
  /** hand_down: where to ("community:12" or "grid:34"). */
  handDownTo: string;
  hours: number;
  approve: boolean;
  depts: string[];
  assistDept: string;
  assistStatus: 'signed' | 'done' | 'declined';
  photos: string[];
}

export const emptyForm = (): ActionForm => ({
  reason: '',
  note: '',
  leadDept: '',
  assistDepts: [],
  rating: 'satisfied',
  unreachable: false,
  handDownTo: '',
  hours: 24,
  approve: true,
  depts: [],
  assistDept: '',
  assistStatus: 'signed',
  photos: [],
});

/** Actions that go through without a form (a note stays optional). */
export const ONE_CLICK: ReadonlySet<OrderActionName> = new Set(['accept', 'start', 'review_pass', 'resume', 'sign']);

/** Actions whose form takes a reason (the server refuses them without one). */
export const asksReason = (a: OrderActionName) => needsReason(a) || a === 'hand_up' || a === 'request_extension';

/** Actions whose form may carry photos (uploaded first, then named by id). */
export const takesPhotos = (a: OrderActionName) => a === 'resolve' || a === 'note';

export function actionBody(action: OrderActionName, form: ActionForm): OrderActionInput {
  const note = form.note.trim() || undefined;
  const reason = form.reason.trim();
  switch (action) {
    case 'dispatch':
    case 'reroute':
      return {
        action,
        leadDept: form.leadDept,
        assistDepts: form.assistDepts.filter((d) => d !== form.leadDept),
        note,
      };
    case 'resolve':
      return { action, note: form.note.trim(), photos: form.photos };
    case 'rate':
      return { action, rating: form.rating, comment: note };
    case 'close':
      return form.unreachable ? { action, unreachable: true, reason } : { action };
    case 'hand_up':
      return { action, reason };
    case 'hand_down': {
      const [kind, id] = form.handDownTo.split(':');
      return { action, to: { kind: kind === 'grid' ? 'grid' : 'community', areaId: Number(id) }, note };
    }
    case 'request_extension':
      return { action, hours: Math.round(Number(form.hours)), reason };
    case 'decide_extension':
      return { action, approve: form.approve, note };
    case 'request_assist':
      return { action, depts: form.depts, note };
    case 'assist_update':
      return { action, dept: form.assistDept, status: form.assistStatus, note };
    case 'note':
      return { action, text: form.note.trim(), photos: form.photos };
    default:
      return (needsReason(action) ? { action, reason } : { action, note }) as OrderActionInput;
  }
}
