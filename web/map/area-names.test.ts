import { describe, expect, it } from 'vitest';
import { shortName } from './area-names';

describe('shortName', () => {
  it('drops the parent name a grid is named after', () =>
    expect(shortName('明乐居民区第1网格', '明乐居民区')).toBe('第1网格'));
  it('keeps names that do not repeat the parent', () =>
    expect(shortName('河津镇', '静安示范区（合成数据）')).toBe('河津镇'));
  it('keeps the name when nothing would remain', () =>
    expect(shortName('明乐居民区', '明乐居民区')).toBe('明乐居民区'));
});
