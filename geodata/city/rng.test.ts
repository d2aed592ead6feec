import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
  });

  it('gives a different sequence for a different seed', () => {
    const a = new Rng(42);
    const b = new Rng(43);
    const same = Array.from({ length: 20 }, () => a.next() === b.next()).filter(Boolean).length;
    expect(same).toBeLessThan(2);
  });

  it('draws uniformly in [0, 1) and integers within bounds', () => {
    const r = new Rng(7);
    let sum = 0;
    let outOfRange = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.next();
      if (x < 0 || x >= 1) outOfRange++;
      sum += x;
      const k = r.int(3, 5);
      if (k !== 3 && k !== 4 && k !== 5) outOfRange++;
    }
    expect(outOfRange).toBe(0);
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('forks independent named streams deterministically', () => {
    expect(new Rng(1).fork('roads').next()).toBe(new Rng(1).fork('roads').next());
    expect(new Rng(1).fork('roads').next()).not.toBe(new Rng(1).fork('names').next());
  });
});
