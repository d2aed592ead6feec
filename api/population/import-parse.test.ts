// Population import rows: header titles in English or Chinese, missing/unknown columns, and each row check.
import { describe, expect, it } from 'vitest';
import { isResidentError, mapPopulationHeader, parseResidentRow } from './import-parse.js';

const KEYS = [
  'building_id',
  'address',
  'household',
  'age',
  'sex',
  'low_income',
  'extreme_poverty',
  'disabled',
  'child_difficulty',
  'elder_alone',
];

describe('mapPopulationHeader', () => {
  it('reads English keys, Chinese titles and both together', () => {
    expect(mapPopulationHeader(KEYS).missing).toEqual([]);
    const zh = mapPopulationHeader([
      '\uFEFF楼栋编号',
      '户号',
      '年龄',
      '性别',
      '低保',
      '特困',
      '残疾',
      '困境儿童',
      '独居老人',
    ]);
    expect(zh).toEqual({
      index: {
        building_id: 0,
        household: 1,
        age: 2,
        sex: 3,
        low_income: 4,
        extreme_poverty: 5,
        disabled: 6,
        child_difficulty: 7,
        elder_alone: 8,
      },
      missing: [],
      unknown: [],
    });
    expect(mapPopulationHeader(['age 年龄', '年龄(age)']).unknown).toEqual(['年龄(age)']); // a column named twice
  });
  it('names missing and unknown columns', () => {
    const h = mapPopulationHeader(['building_id', 'age', 'sex', '身份证号']);
    expect(h.missing).toEqual([
      'household',
      'low_income',
      'extreme_poverty',
      'disabled',
      'child_difficulty',
      'elder_alone',
    ]);
    expect(h.unknown).toEqual(['身份证号']);
  });
});

describe('parseResidentRow', () => {
  const { index } = mapPopulationHeader(KEYS);
  const row = (over: Record<string, string>) =>
    KEYS.map((k) => over[k] ?? { building_id: '12', address: '', household: '3', age: '70', sex: '女' }[k] ?? '否');
  it('accepts the documented spellings', () => {
    expect(parseResidentRow(row({}), index, 2)).toEqual({
      line: 2,
      buildingId: 12,
      address: null,
      household: 3,
      age: 70,
      sex: 2,
      flags: 0,
    });
    expect(
      parseResidentRow(
        row({ sex: 'M', low_income: '是', extreme_poverty: '1', disabled: 'Y', elder_alone: 'yes', age: '70.0' }),
        index,
        5,
      ),
    ).toMatchObject({ sex: 1, age: 70, flags: 1 | 2 | 4 | 16 });
    expect(parseResidentRow(row({ age: '0', child_difficulty: 'y', sex: 'f' }), index, 5)).toMatchObject({
      age: 0,
      flags: 8,
      sex: 2,
    });
  });
  it('refuses each bad value with its column', () => {
    const bad: [Record<string, string>, string][] = [
      [{ building_id: '-1' }, 'building_id'],
      [{ building_id: '1.5' }, 'building_id'],
      [{ household: '' }, 'household'],
      [{ age: '121' }, 'age'],
      [{ age: '-3' }, 'age'],
      [{ age: '七十' }, 'age'],
      [{ sex: '1' }, 'sex'],
      [{ disabled: '有' }, 'disabled'],
      [{ age: '17', elder_alone: '是' }, 'elder_alone'],
      [{ age: '18', child_difficulty: '是' }, 'child_difficulty'],
    ];
    for (const [over, column] of bad) {
      const r = parseResidentRow(row(over), index, 9);
      expect(isResidentError(r) && r.column, JSON.stringify(over)).toBe(column);
      expect(r).toMatchObject({ line: 9 });
    }
  });
});
