// The grid workers' phones of bench/soak.ts, in their own thread: each phone signs in as gw<worker id>,
// walks around its grid at walking pace, and posts the fixes it took since its last batch to
// POST /api/positions as the phone page does. The phones take turns so that `rate` positions a second
// arrive in batches of `batch`: with P phones each posts every P·batch/rate s.
import { parentPort, workerData } from 'node:worker_threads';
import type { IngestResult, PositionPoint } from '../../contract/workers.js';
import { Rng } from '../../geodata/city/rng.js';
import { type Walker, startWalker, step } from '../../geodata/trails/live-walk.js';
import { login } from '../lib/bench-server.js';
import { type RequestWindow, Requests, drain, openLoop } from '../lib/http-load.js';

export interface SoakPhonesData {
  base: string;
  password: string;
  phones: { workerId: number; home: [number, number] }[];
  rate: number;
  batch: number;
  seconds: number;
  maxInFlight: number;
}

export interface PhonesWindow {
  accepted: number;
  requests: RequestWindow;
}

export type ToPhones = { type: 'go' } | { type: 'window' };
export type FromPhones =
  | { type: 'ready'; phones: number }
  | ({ type: 'window' } & PhonesWindow)
  /** lastFix: [worker id, device time (ms) of its newest acknowledged fix] pairs. */
  | { type: 'done'; lastFix: Float64Array; posted: number };

interface Phone {
  workerId: number;
  token: string;
  walker: Walker;
  rng: Rng;
  /** Device time (ms) of the last fix taken. */
  lastT: number;
  /** Newest acknowledged fix. */
  ackedT: number;
}

const d = workerData as SoakPhonesData;
const port = parentPort!;
const requests = new Requests(d.base);

// Sign in, a few at a time (each login is one argon2 verification on the server).
const phones: Phone[] = [];
const queue = [...d.phones];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const token = await login(d.base, `gw${p.workerId}`, d.password).catch(() => null);
      if (!token) continue;
      const rng = new Rng(p.workerId);
      phones.push({
        workerId: p.workerId,
        token,
        walker: startWalker(p.home, rng),
        rng,
        lastT: Date.now(),
        ackedT: -Infinity,
      });
    }
  }),
);
phones.sort((a, b) => a.workerId - b.workerId);
port.postMessage({ type: 'ready', phones: phones.length } satisfies FromPhones);

let accepted = 0;

/** The fixes taken since the phone's last batch, evenly spaced up to now. */
function fixes(p: Phone): PositionPoint[] {
  const now = Date.now();
  const gap = Math.max(1, (now - p.lastT) / d.batch);
  const out: PositionPoint[] = [];
  for (let k = 1; k <= d.batch; k++) {
    const t = Math.round(p.lastT + gap * k);
    const [lon, lat] = step(p.walker, gap / 1000, p.rng);
    out.push({
      t: new Date(t).toISOString(),
      lon,
      lat,
      accuracy: Math.round(p.rng.range(4, 15)),
      speed: Math.round(p.rng.range(0.9, 1.5) * 10) / 10,
    });
  }
  p.lastT = Date.parse(out.at(-1)!.t);
  return out;
}

async function post(p: Phone): Promise<void> {
  if (requests.inFlight >= d.maxInFlight) return requests.skip();
  const points = fixes(p);
  const r = await requests.send<IngestResult>('POST', '/api/positions', p.token, { points });
  if (r.status !== 200 || !r.json) return;
  accepted += r.json.accepted;
  p.ackedT = Math.max(p.ackedT, Date.parse(points.at(-1)!.t));
}

port.on('message', async (m: ToPhones) => {
  if (m.type === 'window') {
    port.postMessage({ type: 'window', accepted, requests: requests.take() } satisfies FromPhones);
    accepted = 0;
    return;
  }
  let posted = 0;
  if (phones.length) {
    await openLoop(d.rate / d.batch, d.seconds, (i) => {
      posted++;
      void post(phones[i % phones.length]);
    });
  }
  await drain(requests);
  const lastFix = phones.filter((p) => Number.isFinite(p.ackedT)).flatMap((p) => [p.workerId, p.ackedT]);
  port.postMessage({ type: 'done', lastFix: Float64Array.from(lastFix), posted } satisfies FromPhones);
});
