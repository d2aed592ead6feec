// Acting on one order: the actions this account may take now (the server's own answer, or the core's rules run as a
// dry run on older servers), the refused ones with their reasons, the form each needs, and the server's answer. An
// error keeps its code and is rendered in the language on screen; the order is reloaded after every try.
import { computed, reactive, ref, shallowRef } from 'vue';
import type { SessionUser } from '@contract/auth';
import type { OrderActionInput, OrderActionName, OrderDetail } from '@contract/orders';
import { actOnOrder, uploadPhoto } from '../api/orders';
import { needsDepartments, needsReason } from '../orders/allowed-actions';
import { ONE_CLICK, actionBody, asksReason, emptyForm, takesPhotos } from '../orders/action-body';
import { offeredActions } from '../orders/offered-actions';

type Viewer = Pick<SessionUser, 'id' | 'role' | 'displayName' | 'departmentCode'>;

export function useOrderActions(
  order: () => OrderDetail | null,
  viewer: () => Viewer | null,
  onDone: (done: OrderActionName | null) => void,
) {
  const pending = ref<OrderActionName | null>(null);
  const busy = ref(false);
  /** The last action taken, or the error it met (rendered by the bar in the language on screen). */
  const done = ref<OrderActionName | null>(null);
  const error = shallowRef<unknown>(null);
  const form = reactive(emptyForm());

  const offers = computed(() => {
    const o = order();
    const v = viewer();
    return o && v ? offeredActions(o, v).filter((a) => a.action !== 'mark_duplicate') : [];
  });
  const available = computed(() => offers.value.filter((a) => a.allowed).map((a) => a.action));
  const refused = computed(() => offers.value.filter((a) => !a.allowed));
  const canMerge = computed(() => {
    const o = order();
    const v = viewer();
    return !!o && !!v && offeredActions(o, v).some((a) => a.action === 'mark_duplicate' && a.allowed);
  });
  /** The reporter has not rated yet: close-out is possible only as a documented failed callback. */
  const closeNeedsCallback = computed(() => {
    const o = order();
    return !!o && o.reporter !== null && o.rating === null;
  });

  function choose(action: OrderActionName): void {
    done.value = null;
    error.value = null;
    const o = order();
    const v = viewer();
    Object.assign(form, emptyForm(), {
      leadDept: o?.leadDept ?? '',
      assistDepts: [...(o?.assistDepts ?? [])],
      unreachable: action === 'close' && closeNeedsCallback.value,
      assistDept: v?.departmentCode ?? '',
    });
    if (ONE_CLICK.has(action)) void submit(action);
    else pending.value = action;
  }

  async function submit(action: OrderActionName, input?: OrderActionInput): Promise<void> {
    const o = order();
    if (!o) return;
    busy.value = true;
    try {
      await actOnOrder(o.id, input ?? actionBody(action, form));
      error.value = null;
      done.value = action;
      pending.value = null;
    } catch (e) {
      done.value = null;
      error.value = e;
    } finally {
      busy.value = false;
      onDone(done.value);
    }
  }

  const uploading = ref(0);
  async function addPhotos(files: FileList | null): Promise<void> {
    for (const file of Array.from(files ?? [])) {
      uploading.value++;
      try {
        const { id } = await uploadPhoto(file, file.name);
        form.photos.push(id);
      } catch (e) {
        error.value = e;
      } finally {
        uploading.value--;
      }
    }
  }
  const removePhoto = (id: string) => form.photos.splice(form.photos.indexOf(id), 1);

  const merge = (duplicateOf: number, reason: string) =>
    submit('mark_duplicate', { action: 'mark_duplicate', duplicateOf, reason });
  const cancel = () => {
    pending.value = null;
  };

  return {
    offers,
    available,
    refused,
    canMerge,
    closeNeedsCallback,
    pending,
    busy,
    done,
    error,
    form,
    uploading,
    choose,
    submit,
    merge,
    cancel,
    addPhotos,
    removePhoto,
    needsReason,
    asksReason,
    takesPhotos,
    needsDepartments,
  };
}
