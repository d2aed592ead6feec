// A category's extra fields as the report sends them: blanks left out, numbers as numbers. The inputs hand
// over strings or, for <input type=number> under v-model, numbers (or '' when cleared).
import type { FieldSpec } from '@contract/order-categories';

export type FieldInput = Record<string, string | number | null | undefined>;

export function reportFields(specs: readonly FieldSpec[], input: FieldInput): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of specs) {
    const raw = input[f.name];
    const v = raw == null ? '' : String(raw).trim();
    if (!v) continue;
    if (f.type === 'number') {
      const n = Number(v);
      if (Number.isFinite(n)) out[f.name] = n;
    } else out[f.name] = v;
  }
  return out;
}
