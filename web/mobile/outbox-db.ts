// The phone's outbox in IndexedDB: reports made offline (with their photo as a Blob) and actions taken on orders
// (自行处理, 办结, 上报, a progress note) wait here, each under the key it will be sent with, until the server has
// taken them.
import type { Message } from '@contract/messages/index';
import type { OrderActionInput, OrderCreate } from '@contract/orders';

interface Queued {
  /** Client-generated key (a report's Idempotency-Key); also the record key. */
  key: string;
  createdAt: string;
  /** Photo taken offline, uploaded just before the report or action. */
  photo?: Blob;
  /** Set once the photo is uploaded, so a retry does not upload it twice. */
  photoId?: string;
  /** The server refused it (4xx): kept for the user to read, no longer retried. */
  error?: string;
  /** The refusal's code and parameters, to show it in the language on screen. */
  said?: Message;
}

/** A report; items queued before actions were have no kind. */
export interface ReportItem extends Queued {
  kind?: 'report';
  body: OrderCreate;
}

/** An action on an order. */
export interface ActionItem extends Queued {
  kind: 'action';
  orderId: number;
  categoryCode: string;
  body: OrderActionInput;
  /**
   * The order's updatedSeq when the action was taken: an event of this action by this account after it means the
   * action was applied already (a replay after a lost answer), whatever the server says to the replay.
   */
  seenSeq: number;
}

export type OutboxItem = ReportItem | ActionItem;

export const isAction = (i: OutboxItem): i is ActionItem => i.kind === 'action';

const DB = 'gridwall-mobile';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const r = run(db.transaction(STORE, mode).objectStore(STORE));
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  } finally {
    db.close();
  }
}

/** Oldest first: the order they are sent in. */
export async function listOutbox(): Promise<OutboxItem[]> {
  const all = await tx<OutboxItem[]>('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export const putOutbox = (item: OutboxItem) => tx('readwrite', (s) => s.put(item)).then(() => undefined);
export const deleteOutbox = (key: string) => tx('readwrite', (s) => s.delete(key)).then(() => undefined);
