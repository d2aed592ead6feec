// Every zip the server opens from outside (zipped Shapefiles, XLSX workbooks) goes through here. Before
// anything is inflated, the central directory is read: more entries than allowed, or more bytes declared
// than allowed, is refused at once (413). Then the entries are inflated in a worker thread, off the event
// loop, counting what actually comes out — a header can lie — and stopping at the same limits.
import { m } from '../../contract/messages/index.js';
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { HttpError, Invalid } from './errors.js';

export interface ZipLimits {
  /** Bytes all entries may unpack to, together. */
  maxBytes: number;
  /** Entries (files and folders) a zip may hold. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxBytes: 200 * 1024 * 1024, maxEntries: 1000 };
let limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS };

/** Sets the limits of this process (from GRIDWALL_UNZIP_MAX_MB and GRIDWALL_UNZIP_MAX_ENTRIES). */
export function setZipLimits(next: ZipLimits): void {
  limits = { ...next };
}
export const zipLimits = (): ZipLimits => ({ ...limits });

/** 'inflating' when a zip that passed the directory check starts unpacking in its worker; 'refused' with the reason. */
export const zipEvents = new EventEmitter();

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const tooMany = (max: number) => new HttpError(413, 'too_large', m('http.zip.tooManyEntries', { max }));
const tooLarge = (max: number) => new HttpError(413, 'too_large', m('http.zip.tooLarge', { mb: mb(max) }));
const corrupt = (why: string) => new Invalid(m('http.zip.corrupt', { why }));

/** The central directory's entries with their declared sizes (ZIP64 sizes included). Throws 400 when there is none. */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => u32(o) + u32(o + 4) * 2 ** 32;
  let eocd = -1;
  for (let o = bytes.length - 22; o >= 0 && o >= bytes.length - 22 - 65535; o--) {
    if (u32(o) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no central directory');
  let count = u16(eocd + 10);
  let offset = u32(eocd + 16);
  // ZIP64: the locator sits just before the end record and points at the ZIP64 end record.
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z = u64(eocd - 12);
    if (z + 56 > bytes.length || u32(z) !== 0x06064b50) throw corrupt('damaged ZIP64 directory');
    count = u64(z + 32);
    offset = u64(z + 48);
  }
  const entries: ZipEntry[] = [];
  let o = offset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > bytes.length || u32(o) !== 0x02014b50) throw corrupt(`damaged central directory at entry ${i + 1}`);
    const nameLen = u16(o + 28);
    const extraLen = u16(o + 30);
    const commentLen = u16(o + 32);
    let compressedSize = u32(o + 20);
    let size = u32(o + 24);
    const name = new TextDecoder('utf-8').decode(bytes.subarray(o + 46, o + 46 + nameLen));
    // ZIP64 extended information: the 8-byte sizes of the fields set to 0xFFFFFFFF, in that order.
    if (size === 0xffffffff || compressedSize === 0xffffffff) {
      for (let e = o + 46 + nameLen; e + 4 <= o + 46 + nameLen + extraLen;) {
        const id = u16(e);
        const len = u16(e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (size === 0xffffffff) {
            size = u64(f);
            f += 8;
          }
          if (compressedSize === 0xffffffff) compressedSize = u64(f);
          break;
        }
        e += 4 + len;
      }
    }
    entries.push({ name, method: u16(o + 10), compressedSize, size });
    o += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Refuses (413) a zip whose directory declares more entries or bytes than allowed; 400 when it is no zip. */
export function checkZipDirectory(bytes: Uint8Array, max: ZipLimits = limits): ZipEntry[] {
  const entries = zipDirectory(bytes);
  if (entries.length > max.maxEntries) throw tooMany(max.maxEntries);
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > max.maxBytes) throw tooLarge(max.maxBytes);
  return entries;
}

type WorkerAnswer =
  | { files: [string, Uint8Array][] }
  | { zip: Uint8Array }
  | { error: 'too_many' | 'too_large' | 'corrupt'; message: string };

function inflateInWorker(bytes: Uint8Array, max: ZipLimits, store: boolean): Promise<WorkerAnswer> {
  checkZipDirectory(bytes, max);
  // The worker gets its own copy: the upload's buffer may be a slice of a larger pool.
  const copy = new Uint8Array(bytes);
  zipEvents.emit('inflating', { bytes: bytes.length });
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./unzip-worker.mjs', import.meta.url), {
      workerData: { bytes: copy, maxBytes: max.maxBytes, maxEntries: max.maxEntries, store },
      transferList: [copy.buffer],
    });
    let settled = false;
    worker.once('message', (m: WorkerAnswer) => {
      settled = true;
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (settled) return;
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`unzip worker exited with code ${code}`));
    });
  });
}

function refusal(a: Extract<WorkerAnswer, { error: string }>, max: ZipLimits): HttpError {
  zipEvents.emit('refused', a.error);
  if (a.error === 'too_many') return tooMany(max.maxEntries);
  if (a.error === 'too_large') return tooLarge(max.maxBytes);
  return corrupt(a.message);
}

/** The zip's files by name, inflated off the event loop within the limits (413 past them, 400 when damaged). */
export async function unzipLimited(bytes: Uint8Array, max: ZipLimits = limits): Promise<Record<string, Uint8Array>> {
  const a = await inflateInWorker(bytes, max, false);
  if ('error' in a) throw refusal(a, max);
  if (!('files' in a)) throw new Error('unexpected answer from the unzip worker');
  return Object.fromEntries(a.files);
}

/**
 * The same zip with its entries stored uncompressed, for a reader that inflates on its own (ExcelJS): checked
 * and unpacked within the limits in the worker, so that the reader has nothing left to inflate.
 */
export async function restoreZipLimited(bytes: Uint8Array, max: ZipLimits = limits): Promise<Uint8Array> {
  const a = await inflateInWorker(bytes, max, true);
  if ('error' in a) throw refusal(a, max);
  if (!('zip' in a)) throw new Error('unexpected answer from the unzip worker');
  return a.zip;
}
