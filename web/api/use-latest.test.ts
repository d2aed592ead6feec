import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { useLatest } from './use-latest';

/** A request that settles when told to, and rejects with an AbortError when its signal fires. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  let signal!: AbortSignal;
  const task = (s: AbortSignal) => {
    signal = s;
    return new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
      s.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError')));
    });
  };
  return { task, resolve: (v: T) => resolve(v), reject: (e: unknown) => reject(e), signal: () => signal };
}

describe('useLatest', () => {
  it('aborts the run in flight when a new one starts, and resolves the old one to undefined', async () => {
    const latest = useLatest();
    const a = deferred<string>();
    const b = deferred<string>();
    const first = latest.run(a.task);
    const second = latest.run(b.task);
    expect(a.signal().aborted).toBe(true);
    expect(b.signal().aborted).toBe(false);
    b.resolve('new');
    expect(await first).toBeUndefined();
    expect(await second).toBe('new');
  });

  it('drops an answer that arrives after a newer run began, even when the request ignored its signal', async () => {
    const latest = useLatest();
    let finishOld!: (v: string) => void;
    const first = latest.run(() => new Promise<string>((res) => (finishOld = res)));
    const second = latest.run(async () => 'new');
    finishOld('old');
    expect(await first).toBeUndefined();
    expect(await second).toBe('new');
  });

  it("rethrows the latest run's own error, but not an overtaken run's", async () => {
    const latest = useLatest();
    const b = deferred<string>();
    const c = deferred<string>();
    const overtaken = latest.run(b.task);
    const last = latest.run(c.task);
    b.reject(new Error('late failure'));
    c.reject(new Error('server said no'));
    expect(await overtaken).toBeUndefined();
    await expect(last).rejects.toThrow('server said no');
  });

  it('is pending while the latest run is in flight', async () => {
    const latest = useLatest();
    const a = deferred<number>();
    expect(latest.pending.value).toBe(false);
    const p = latest.run(a.task);
    expect(latest.pending.value).toBe(true);
    a.resolve(1);
    await p;
    expect(latest.pending.value).toBe(false);
  });

  it('aborts the run in flight when its scope is disposed', async () => {
    const scope = effectScope();
    const a = deferred<number>();
    const p = scope.run(() => useLatest().run(a.task))!;
    scope.stop();
    expect(a.signal().aborted).toBe(true);
    expect(await p).toBeUndefined();
  });
});
