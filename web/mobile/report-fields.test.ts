import { describe, expect, it } from 'vitest';
import { ORDER_CATEGORIES } from '@contract/order-categories';
import { reportFields } from './report-fields';

const withNumber = ORDER_CATEGORIES.filter((c) => c.fields.some((f) => f.type === 'number'));

describe('report fields', () => {
  it('takes the numbers a number input hands over as numbers (every category with one)', () => {
    expect(withNumber.length).toBeGreaterThan(0);
    for (const c of withNumber) {
      const input = Object.fromEntries(c.fields.map((f) => [f.name, f.type === 'number' ? 3 : ' x ']));
      const out = reportFields(c.fields, input);
      for (const f of c.fields) expect(out[f.name]).toBe(f.type === 'number' ? 3 : 'x');
    }
  });

  it('reads numbers typed as text and leaves out blanks, cleared inputs and non-numbers', () => {
    const c = withNumber[0]!;
    const n = c.fields.find((f) => f.type === 'number')!;
    expect(reportFields(c.fields, { [n.name]: ' 12.5 ' })[n.name]).toBe(12.5);
    for (const blank of ['', '  ', null, undefined, 'abc'])
      expect(reportFields(c.fields, { [n.name]: blank })).not.toHaveProperty(n.name);
  });
});
