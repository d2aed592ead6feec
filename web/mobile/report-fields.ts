// A category's extra fields, typed from the input to the outbox: a number field holds a number (null while
// empty or not a number), a text or list field a string. The report sends them with blanks left out, and is
// checked by the same schema the server checks it by, so a refusal reads the same before and after sending.
import type { FieldSpec } from '@contract/order-categories';
import { OrderCreate } from '@contract/orders';
import type { Message } from '@contract/messages/index';
import { issueMessage } from '@contract/messages/issues';

export type FieldValue = string | number | null;
export type FieldInput = Record<string, FieldValue | undefined>;

/** What an input of this field hands over, as the field's type: a number input's value is never trimmed as text. */
export function fieldValue(spec: FieldSpec, el: { value: string; valueAsNumber?: number }): FieldValue {
  if (spec.type !== 'number') return el.value;
  const n = el.valueAsNumber ?? (el.value.trim() === '' ? NaN : Number(el.value));
  return Number.isFinite(n) ? n : null;
}

/** The fields as the report sends them: numbers as numbers, trimmed text, blanks left out. */
export function reportFields(specs: readonly FieldSpec[], input: FieldInput): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of specs) {
    const raw = input[f.name];
    if (raw == null) continue;
    if (f.type === 'number') {
      const n = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
      if (Number.isFinite(n)) out[f.name] = n;
    } else {
      const v = String(raw).trim();
      if (v) out[f.name] = v;
    }
  }
  return out;
}

/** Why the server would refuse this report (the first reason, as the server words it), or null. */
export function reportProblem(body: unknown): Message | string | null {
  const r = OrderCreate.safeParse(body);
  if (r.success) return null;
  return issueMessage(r.error.issues[0]);
}
