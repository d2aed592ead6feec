import { describe, expect, it } from 'vitest';
import { UniqueNames, communityName, maskedPhone, personName, shortName } from './names.js';
import { Rng } from './rng.js';

describe('names', () => {
  it('never hands out the same name twice', () => {
    const names = new UniqueNames(new Rng(1));
    const drawn = Array.from({ length: 2000 }, () => names.draw(communityName));
    expect(new Set(drawn).size).toBe(drawn.length);
  });

  it('strips the level suffix for derived names', () => {
    expect(shortName('华兴居民区')).toBe('华兴');
    expect(shortName('江宁路街道')).toBe('江宁');
    expect(shortName('彭浦镇')).toBe('彭浦');
  });

  it('makes Chinese person names of 2–3 characters and masked phones', () => {
    const rng = new Rng(2);
    for (let k = 0; k < 200; k++) {
      expect(personName(rng)).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(maskedPhone(rng)).toMatch(/^13\d\*{4}\d{4}$/);
    }
  });
});
