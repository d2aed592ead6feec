// The HTTP side of the load threads: requests counted by outcome (2xx, or the status, 'net' when no answer
// came) and timed into a histogram per window, and an open-loop schedule that fires on time whatever the
// earlier requests are doing.
import { Histogram } from './histogram.js';

export interface RequestWindow {
  ok: number;
  /** Non-2xx answers by status; 'net' = connection failed or no answer within the timeout. */
  failed: Record<string, number>;
  latency: Float64Array;
}

export class Requests {
  inFlight = 0;
  private ok = 0;
  private failed: Record<string, number> = {};
  private readonly latency = new Histogram();

  constructor(
    private readonly base: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async send<T>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: T | null }> {
    this.inFlight++;
    const t0 = performance.now();
    try {
      const r = await fetch(this.base + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const json = r.headers.get('content-type')?.includes('json')
        ? ((await r.json()) as T)
        : (await r.arrayBuffer(), null);
      this.count(r.status >= 200 && r.status < 300 ? null : String(r.status), t0);
      return { status: r.status, json };
    } catch {
      this.count('net', t0);
      return { status: 0, json: null };
    } finally {
      this.inFlight--;
    }
  }

  /** A request not sent because too many were in flight. */
  skip(): void {
    this.failed.skipped = (this.failed.skipped ?? 0) + 1;
  }

  take(): RequestWindow {
    const out = { ok: this.ok, failed: this.failed, latency: new Float64Array(this.latency.counts) };
    this.ok = 0;
    this.failed = {};
    this.latency.reset();
    return out;
  }

  private count(failure: string | null, t0: number): void {
    this.latency.add(performance.now() - t0);
    if (failure === null) this.ok++;
    else this.failed[failure] = (this.failed[failure] ?? 0) + 1;
  }
}

/** Calls fire(i) for i = 0 … rate·seconds − 1, each at t0 + i/rate s; resolves after the last. */
export function openLoop(rate: number, seconds: number, fire: (i: number) => void, tickMs = 2): Promise<void> {
  const total = Math.round(rate * seconds);
  const t0 = performance.now();
  let sent = 0;
  return new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      for (; sent < due; sent++) fire(sent);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, tickMs);
  });
}

/** Waits until nothing is in flight, or `ms` have passed. */
export async function drain(requests: Requests, ms = 10_000): Promise<void> {
  for (const t = performance.now(); requests.inFlight > 0 && performance.now() - t < ms;)
    await new Promise((r) => setTimeout(r, 20));
}
