// Visits logged on the phone, in IndexedDB: each waits under its client id (sent with it, so a replay after a lost
// answer is written once) until the server accepts it, then stays a while marked sent so the worker sees it went.
import type { VisitCreate } from '@contract/workers';

export interface VisitOutboxItem {
  /** The visit's client id; also the record key. */
  key: string;
  createdAt: string;
  body: VisitCreate;
  /** Photo taken offline, uploaded just before the visit. */
  photo?: Blob;
  photoId?: string;
  /** Set once the server accepted it. */
  sentAt?: string;
  visitId?: number;
  /** The server refused it (4xx): kept for the user to read, no longer retried. */
  error?: string;
}

const DB = 'gridwall-visits';
const STORE = 'outbox';
/** Sent visits kept on the phone for the list. */
const KEEP_SENT = 20;

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
export async function listVisitOutbox(): Promise<VisitOutboxItem[]> {
  const all = await tx<VisitOutboxItem[]>('readonly', (s) => s.getAll() as IDBRequest<VisitOutboxItem[]>);
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export const putVisit = (item: VisitOutboxItem) => tx('readwrite', (s) => s.put(item)).then(() => undefined);
export const deleteVisit = (key: string) => tx('readwrite', (s) => s.delete(key)).then(() => undefined);

/** Drops the oldest sent visits beyond those kept for the list. */
export async function pruneSent(): Promise<void> {
  const sent = (await listVisitOutbox()).filter((i) => i.sentAt);
  for (const i of sent.slice(0, Math.max(0, sent.length - KEEP_SENT))) await deleteVisit(i.key);
}
