// One order's life, driven through the real pure core: every step is transition(…) or
// applyEscalation(…), so a history can only contain what the state machine allows. Between steps
// the escalation ladder runs as the scheduler would (every ≤ 30 s), and nothing happens after `end`.
import { bilingual } from '../../contract/messages/index.js';
import type { OrderAction } from '../../contract/orders.js';
import { type EscalationPolicy, applyEscalation, escalationsFor } from '../../core/orders/escalation.js';
import { transition } from '../../core/orders/lifecycle.js';
import { type Actor, type NewOrderEvent, type OrderState, isConflict } from '../../core/orders/state.js';
import type { Rng } from '../city/rng.js';

const SCHEDULER_INTERVAL_MS = 30_000;

export class Life {
  readonly events: NewOrderEvent[] = [];
  /** The time of the latest step; never moves backwards. */
  t: number;
  /** True once the script reached `end`: later steps are ignored (the order is still open). */
  stopped = false;

  constructor(
    public order: OrderState,
    report: NewOrderEvent,
    private readonly end: number,
    private readonly policy: EscalationPolicy,
    private readonly rng: Rng,
  ) {
    this.events.push(report);
    this.t = Date.parse(report.at);
  }

  private due(ms: number): boolean {
    return escalationsFor(this.order, this.policy, new Date(ms)).length > 0;
  }

  /** Applies every escalation step that falls due up to `until`, each at a scheduler pass. */
  private escalateUntil(until: number): void {
    for (let guard = 0; guard < 16 && until >= this.t && this.due(until); guard++) {
      let lo = this.t;
      let hi = until;
      if (!this.due(lo)) {
        while (hi - lo > 1000) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.due(mid)) hi = mid;
          else lo = mid;
        }
      } else hi = lo;
      const at = Math.min(until, hi + this.rng.int(1000, SCHEDULER_INTERVAL_MS));
      const now = new Date(at);
      for (const step of escalationsFor(this.order, this.policy, now)) {
        const r = applyEscalation(this.order, step, now);
        if (isConflict(r)) break;
        this.order = r.order;
        this.events.push(r.event);
      }
      this.t = at;
    }
  }

  /** Takes `action` at `ms` (or at the latest step, if earlier); false once the history has ended. */
  act(action: OrderAction, actor: Actor, ms: number): boolean {
    if (this.stopped) return false;
    const at = Math.max(Math.round(ms), this.t);
    if (at > this.end) {
      this.escalateUntil(this.end);
      this.stopped = true;
      return false;
    }
    this.escalateUntil(at);
    const r = transition(this.order, action, actor, new Date(at));
    if (isConflict(r)) throw new Error(`order ${this.order.id}: ${action.action} refused: ${bilingual(r.message)}`);
    this.order = r.order;
    this.events.push(r.event);
    this.t = at;
    return true;
  }

  /** Lets the clock run to `end` with nothing else happening (an order still open at the end). */
  finish(): void {
    if (!this.stopped) this.escalateUntil(this.end);
    this.stopped = true;
  }
}
