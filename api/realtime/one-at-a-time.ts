// Work a socket asks for, done one request at a time per socket, so that a client cannot multiply the server's
// work by sending the same request thousands of times at once (each replay can send thousands of events).
//
// - replays: while one runs, later requests fold into a single next run from the earliest `since`; every caller's
//   ack is answered when the run that covers it ends. At most one running and one waiting, whatever is sent.
// - other requests (verify): while one runs, up to `queue` wait their turn; more are dropped unanswered, which a
//   client already handles (it asks again at the next watermark).

export interface Coalescer {
  request(since: number, done?: (sent: number) => void): void;
}

export function coalescedReplays(run: (since: number) => Promise<number>): Coalescer {
  let running = false;
  let waiting: { since: number; done: ((sent: number) => void)[] } | null = null;
  const start = (since: number, done: ((sent: number) => void)[]) => {
    running = true;
    void run(since)
      .then(
        (sent) => done.forEach((d) => d(sent)),
        () => undefined, // the database is away: no answer, the client asks again on its next reconnect
      )
      .finally(() => {
        running = false;
        const next = waiting;
        waiting = null;
        if (next) start(next.since, next.done);
      });
  };
  return {
    request(since, done) {
      const acks = done ? [done] : [];
      if (!running) return start(since, acks);
      waiting = waiting
        ? { since: Math.min(waiting.since, since), done: [...waiting.done, ...acks] }
        : { since, done: acks };
    },
  };
}

export function serialQueue(queue: number): (job: () => Promise<void>) => boolean {
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  return (job) => {
    if (pending > queue) return false;
    pending++;
    tail = tail
      .then(job)
      .catch(() => undefined)
      .finally(() => void pending--);
    return true;
  };
}
