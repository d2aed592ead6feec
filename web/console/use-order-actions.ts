// Acting on one order from the console: the actions this role may take from its status, the form each
// needs (departments for dispatch/reroute, a reason where required, a rating, a merge target), and the
// server's answer; a 409 shows its message (what is allowed instead), then the order is reloaded.
import { computed, reactive, ref } from 'vue';
import type { Role } from '@contract/auth';
import type { OrderActionInput, OrderActionName, OrderDetail, Rating } from '@contract/orders';
import { actOnOrder } from '../api/orders';
import { ApiError } from '../api/client';
import { actionsFor, needsDepartments, needsReason } from '../orders/allowed-actions';

/** Actions that go through without a form (a note stays optional). */
const ONE_CLICK: ReadonlySet<OrderActionName> = new Set(['accept', 'start', 'review_pass', 'resume']);

export function useOrderActions(order: () => OrderDetail | null, role: () => Role | undefined, onDone: () => void) {
  const pending = ref<OrderActionName | null>(null);
  const busy = ref(false);
  const message = ref('');
  const failed = ref(false);
  const form = reactive({
    reason: '',
    note: '',
    leadDept: '',
    assistDepts: [] as string[],
    rating: 'satisfied' as Rating,
    unreachable: false,
  });

  const available = computed(() => {
    const o = order();
    const r = role();
    return o && r ? actionsFor(o.status, r).filter((a) => a !== 'mark_duplicate') : [];
  });
  const canMerge = computed(() => {
    const o = order();
    const r = role();
    return !!o && !!r && actionsFor(o.status, r).includes('mark_duplicate');
  });

  function choose(action: OrderActionName): void {
    message.value = '';
    const o = order();
    Object.assign(form, {
      reason: '',
      note: '',
      leadDept: o?.leadDept ?? '',
      assistDepts: [...(o?.assistDepts ?? [])],
      rating: 'satisfied',
      unreachable: false,
    });
    if (ONE_CLICK.has(action)) void submit(action);
    else pending.value = action;
  }

  function body(action: OrderActionName): OrderActionInput {
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
        return { action, note: form.note.trim() };
      case 'rate':
        return { action, rating: form.rating, comment: note };
      case 'close':
        return form.unreachable ? { action, unreachable: true, reason } : { action };
      default:
        return (needsReason(action) ? { action, reason } : { action, note }) as OrderActionInput;
    }
  }

  async function submit(action: OrderActionName, input?: OrderActionInput): Promise<void> {
    const o = order();
    if (!o) return;
    busy.value = true;
    try {
      await actOnOrder(o.id, input ?? body(action));
      failed.value = false;
      message.value = action;
      pending.value = null;
    } catch (e) {
      failed.value = true;
      message.value = e instanceof ApiError ? e.message : String(e);
    } finally {
      busy.value = false;
      onDone();
    }
  }

  const merge = (duplicateOf: number, reason: string) =>
    submit('mark_duplicate', { action: 'mark_duplicate', duplicateOf, reason });
  const cancel = () => {
    pending.value = null;
  };

  return {
    available,
    canMerge,
    pending,
    busy,
    message,
    failed,
    form,
    choose,
    submit,
    merge,
    cancel,
    needsReason,
    needsDepartments,
  };
}
