import { describe, expect, it } from 'vitest';
import { ORDER_CATEGORIES, ORDER_FAMILIES, type FieldSpec } from '@contract/order-categories';
import { OrderCreate } from '@contract/orders';
import { renderMessage, type Message } from '@contract/messages/index';
import { fieldValue, reportFields, reportProblem, type FieldInput } from './report-fields';

const withNumber = ORDER_CATEGORIES.filter((c) => c.fields.some((f) => f.type === 'number'));

/** What an input hands over when the user types `typed` (a number input: value and valueAsNumber, as Chromium). */
const typedInto = (f: FieldSpec, typed: string) =>
  fieldValue(
    f,
    f.type === 'number' ? { value: typed, valueAsNumber: typed === '' ? NaN : Number(typed) } : { value: typed },
  );

/** A value a user would type or pick for the field. */
const sample = (f: FieldSpec) => (f.type === 'number' ? '3' : f.type === 'enum' ? f.options![0] : ' 某商家 ');

function reportOf(code: string, fields: FieldInput) {
  const c = ORDER_CATEGORIES.find((x) => x.code === code)!;
  return {
    categoryCode: code,
    description: '楼道堆物',
    lon: 121.45,
    lat: 31.23,
    hazardLevel: c.hazardRequired ? c.defaultHazard : undefined,
    source: 'grid_worker' as const,
    fields: reportFields(c.fields, fields),
  };
}

describe('report fields', () => {
  it('keeps each field its type from the input on: a number input hands over a number, text a string', () => {
    expect(withNumber.length).toBeGreaterThan(0);
    for (const c of withNumber) {
      const input = Object.fromEntries(c.fields.map((f) => [f.name, typedInto(f, sample(f))]));
      for (const f of c.fields) expect(typeof input[f.name]).toBe(f.type === 'number' ? 'number' : 'string');
      const out = reportFields(c.fields, input);
      for (const f of c.fields) expect(out[f.name]).toBe(f.type === 'number' ? 3 : sample(f).trim());
    }
  });

  it('files every category of every family with its fields filled as a user fills them', () => {
    const families = new Set<string>();
    for (const c of ORDER_CATEGORIES) {
      const input = Object.fromEntries(c.fields.map((f) => [f.name, typedInto(f, sample(f))]));
      const body = reportOf(c.code, input);
      expect(reportProblem(body), c.code).toBeNull();
      const parsed = OrderCreate.parse(body);
      for (const f of c.fields) expect(typeof parsed.fields![f.name]).toBe(f.type === 'number' ? 'number' : 'string');
      families.add(c.family);
    }
    expect([...families].sort()).toEqual([...ORDER_FAMILIES].sort());
  });

  it('says which required field is missing, in both languages, and files without the optional ones', () => {
    for (const c of ORDER_CATEGORIES) {
      for (const f of c.fields) {
        const input = Object.fromEntries(c.fields.filter((g) => g !== f).map((g) => [g.name, typedInto(g, sample(g))]));
        const problem = reportProblem(reportOf(c.code, input));
        if (!f.required) {
          expect(problem, `${c.code}.${f.name}`).toBeNull();
          continue;
        }
        expect((problem as Message).key).toBe('orders.field.fieldRequired');
        expect(renderMessage(problem as Message, 'zh-CN')).toContain(f.label.zh);
        expect(renderMessage(problem as Message, 'en')).toContain(f.label.en);
      }
    }
  });

  it('reads numbers typed as text, and leaves out blanks, cleared inputs and non-numbers', () => {
    const c = withNumber[0]!;
    const n = c.fields.find((f) => f.type === 'number')!;
    expect(reportFields(c.fields, { [n.name]: ' 12.5 ' })[n.name]).toBe(12.5);
    expect(typedInto(n, '')).toBeNull();
    expect(fieldValue(n, { value: '', valueAsNumber: NaN })).toBeNull();
    for (const blank of ['', '  ', null, undefined, 'abc'])
      expect(reportFields(c.fields, { [n.name]: blank })).not.toHaveProperty(n.name);
  });
});
