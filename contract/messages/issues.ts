// A schema issue as a message: the contract's schemas give a catalogue code as their message (with `params` on a
// custom issue, or the `{minimum}` / `{maximum}` a size check reports); zod's own words stay as they are.
import type { z } from 'zod';
import { isMessage, m, type Message, type MessageKey, type MessageParam } from './index.js';

export function issueMessage(issue: z.core.$ZodIssue | undefined): Message | string {
  if (!issue) return '';
  const bounds = issue as { params?: Record<string, MessageParam>; minimum?: unknown; maximum?: unknown };
  const params: Record<string, MessageParam> = { ...bounds.params };
  for (const k of ['minimum', 'maximum'] as const) {
    const v = bounds[k];
    if (typeof v === 'number' || typeof v === 'bigint') params[k] = Number(v);
  }
  return isMessage({ key: issue.message }) ? m(issue.message as MessageKey, params) : issue.message;
}
