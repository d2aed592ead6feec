// The phone's outbox in IndexedDB: reports made offline (with their photo as a Blob) wait here, each
// under the Idempotency-Key it will be sent with, until they are accepted by the server.
import type { OrderCreate } from '@contract/orders';

export interface OutboxItem {
  /** Client-generated Idempotency-Key; also the record key. */
  key: string;
  createdAt: string;
  body: OrderCreate;
  /** Photo taken offline, uploaded just before the report. */
  photo?: Blob;
  /** Set once the photo is uploaded, so a retry does not upload it twice. */
  photoId?: string;
  /** The server refused it (4xx): kept for the user to read, no longer retried. */
  error?: string;
}

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
