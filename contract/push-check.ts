// The gap check that makes "no push silently lost" hold when a node dies between committing an event and
// publishing it, or while Redis is away: every few seconds each node sends its sockets a watermark — a seq
// every push up to which was committed at least one interval ago. A client counts the pushes it received
// in (checked, watermark] and asks the server to `verify` that count against the pushes of its scope; on a
// mismatch the server sends the range again (the client ignores what it already has) before it answers.
// Replays on reconnect handle what came after the last seq seen; this finds the holes below it.
import { z } from 'zod';

export const Watermark = z.object({ seq: z.number().int().nonnegative() });
export type Watermark = z.infer<typeof Watermark>;

export const VerifyRequest = z
  .object({
    after: z.number().int().nonnegative(),
    upTo: z.number().int().positive(),
    count: z.number().int().nonnegative(),
  })
  .refine((v) => v.upTo > v.after && v.count <= v.upTo - v.after, 'upTo must exceed after, count fit the range');
export type VerifyRequest = z.infer<typeof VerifyRequest>;

/**
 * The widest range one verify covers. A client that fell further behind (a tab asleep for hours) has
 * reconnected and replayed since; it checks only the latest part.
 */
export const VERIFY_MAX_RANGE = 50_000;

/** The server's answer: how many pushes it sent again (0 when the counts agreed). */
export interface VerifyReply {
  resent: number;
}

/** One client's bookkeeping: the seqs received above the last confirmed watermark. */
export class PushCheck {
  private checked: number;
  private readonly seen = new Set<number>();
  private pending: number | null = null;

  /** `start`: the seq the client's state is known complete up to (the snapshot it loaded). */
  constructor(start: number) {
    this.checked = start;
  }

  get checkedUpTo(): number {
    return this.checked;
  }

  received(seq: number): void {
    if (seq > this.checked) this.seen.add(seq);
  }

  /** Whether a push was already received (a replay or resend brings it again). */
  has(seq: number): boolean {
    return seq <= this.checked || this.seen.has(seq);
  }

  /** The verify request for a watermark, or null when there is nothing new to check or a check is under way. */
  request(watermark: number): VerifyRequest | null {
    if (watermark <= this.checked || this.pending !== null) return null;
    if (watermark - this.checked > VERIFY_MAX_RANGE) this.checked = watermark - VERIFY_MAX_RANGE;
    let count = 0;
    for (const s of this.seen) if (s <= watermark) count++;
    this.pending = watermark;
    return { after: this.checked, upTo: watermark, count };
  }

  /** The server answered: everything up to the watermark has arrived (resent pushes came before the answer). */
  confirmed(): void {
    if (this.pending === null) return;
    this.checked = this.pending;
    for (const s of this.seen) if (s <= this.checked) this.seen.delete(s);
    this.pending = null;
  }

  /** No answer (disconnected): the same range is asked again at the next watermark. */
  abandoned(): void {
    this.pending = null;
  }
}
