import { describe, expect, it } from 'vitest';
import { areaPaths } from './load-city.js';

const area = (id: number, parentId: number | null) => ({ id, parentId }) as Parameters<typeof areaPaths>[0][number];

describe('areaPaths', () => {
  it('builds root-first id paths whatever the input order', () => {
    const p = areaPaths([area(5, 2), area(1, null), area(2, 1), area(9, 5)]);
    expect(p.get(9)).toBe('/1/2/5/9/');
    expect(p.get(1)).toBe('/1/');
  });

  it('refuses a dangling parent', () => {
    expect(() => areaPaths([area(2, 1)])).toThrow(/missing/);
  });
});
