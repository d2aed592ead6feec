// Inflates a zip in a worker thread, counting what it unpacks: it stops as soon as the entries or the bytes
// pass their limits, whatever the headers declared. Plain JavaScript, so that a worker needs no loader.
// In: workerData { bytes: Uint8Array, maxBytes, maxEntries, store }. Out: one message,
// { files: [name, Uint8Array][] } (or { zip: Uint8Array }, the same entries stored uncompressed, when `store`),
// or { error: 'too_many' | 'too_large' | 'corrupt', message }.
import { parentPort, workerData } from 'node:worker_threads';
import { Unzip, UnzipInflate, zipSync } from 'fflate';

const { bytes, maxBytes, maxEntries, store } = workerData;
// Small pushes: one push of deflated data can unpack ~1000 times its size before the count is looked at.
const STEP = 16 * 1024;

let failed = null;
let total = 0;
let entries = 0;
const files = [];
const open = [];

const unzip = new Unzip((file) => {
  if (failed) return;
  if (++entries > maxEntries) {
    failed = { error: 'too_many', message: `more than ${maxEntries} entries` };
    return;
  }
  const chunks = [];
  open.push(file);
  file.ondata = (err, chunk, final) => {
    if (failed) return;
    if (err) {
      failed = { error: 'corrupt', message: err.message };
      return;
    }
    total += chunk.length;
    if (total > maxBytes) {
      failed = { error: 'too_large', message: `more than ${maxBytes} bytes unpacked` };
      for (const f of open) f.terminate();
      return;
    }
    chunks.push(chunk);
    if (final) {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      files.push([file.name, out]);
    }
  };
  file.start();
});
unzip.register(UnzipInflate);

try {
  for (let at = 0; at < bytes.length && !failed; at += STEP)
    unzip.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
} catch (e) {
  failed ??= { error: 'corrupt', message: e instanceof Error ? e.message : String(e) };
}

if (failed) parentPort.postMessage(failed);
else if (store) {
  const zip = zipSync(Object.fromEntries(files), { level: 0 });
  parentPort.postMessage({ zip }, [zip.buffer]);
} else {
  parentPort.postMessage(
    { files },
    files.map(([, data]) => data.buffer),
  );
}
