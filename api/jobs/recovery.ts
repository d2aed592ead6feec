// What becomes of a job whose run ended without an answer: its holder died (heartbeat lapsed) or its handler
// threw. Pure rules over the job's counts, so a restart, a second node and a test all decide alike.

export interface JobCounts {
  attempts: number;
  maxAttempts: number;
}

import { m, type Message } from '../../contract/messages/index.js';

/** Why a job failed: a message when the runner decided it, the thrown error's text when the handler did. */
export type Reason = Message | string;
export type Outcome = { action: 'requeue'; delayMs: number } | { action: 'fail'; reason: Reason };

/** Retries wait 5 s, 10 s, 20 s … up to 5 min, so a database that is away is not hammered. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

/**
 * A job whose holder stopped (killed, crashed, cut off): run again when it can be (its kind says so and attempts
 * remain), else failed with a reason a person can act on. A periodic job always comes back: it is idempotent.
 */
export function afterHolderLost(
  job: JobCounts,
  kind: { resumable: boolean; periodic: boolean } | undefined,
  holder: string | null,
): Outcome {
  const why = m('jobs.holderStopped', { holder: holder ?? '?' });
  if (kind?.periodic) return { action: 'requeue', delayMs: 0 };
  if (!kind) return { action: 'fail', reason: m('jobs.unknownKind', { why }) };
  if (!kind.resumable) return { action: 'fail', reason: m('jobs.notResumable', { why }) };
  if (job.attempts >= job.maxAttempts) {
    return { action: 'fail', reason: m('jobs.attemptsSpent', { why, attempts: job.attempts }) };
  }
  return { action: 'requeue', delayMs: 0 };
}

/** A handler that threw: retried with a growing wait while attempts remain, unless the error says it is final. */
export function afterError(job: JobCounts, message: string, final: boolean): Outcome {
  if (final || job.attempts >= job.maxAttempts) return { action: 'fail', reason: message };
  return { action: 'requeue', delayMs: retryDelayMs(job.attempts) };
}
