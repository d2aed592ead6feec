import { describe, expect, it } from 'vitest';
import { m } from './index.js';
import { speak, storedMessage } from './speak.js';

describe('speak', () => {
  it('renders every message in a result, with its code and parameters beside the text', () => {
    const result = {
      message: m('population.appended', { written: 3, buildings: 1, refused: 1 }),
      errors: [{ line: 4, column: 'age', reason: m('population.ageInvalid', { value: '130' }) }],
      counts: [1, 2, 3],
    };
    expect(speak(result, 'en')).toEqual({
      message: '3 residents added to 1 buildings, 1 rows refused',
      messageKey: 'population.appended',
      params: { written: 3, buildings: 1, refused: 1 },
      errors: [
        {
          line: 4,
          column: 'age',
          reason: 'age "130" must be a whole number from 0 to 120',
          messageKey: 'population.ageInvalid',
          params: { value: '130' },
        },
      ],
      counts: [1, 2, 3],
    });
    expect(speak(result, 'zh-CN').errors[0].reason).toBe('年龄「130」应为 0–120 的整数');
  });

  it('leaves plain text, numbers and objects that are not messages as they are', () => {
    const v = { reason: 'older text', n: 1, at: null, key: 'not.a.message', nested: { list: ['a', 'b'] } };
    expect(speak(v, 'en')).toEqual(v);
    // Nothing to say: the same object comes back, not a copy (large answers cost no walk-and-copy).
    expect(speak(v, 'en')).toBe(v);
    const mixed = { a: { b: [1, 2] }, c: [{ d: m('common.notFound') }] };
    const said = speak(mixed, 'en');
    expect(said.a).toBe(mixed.a);
    expect(said.c[0].d).toBe('not found');
    expect(mixed.c[0].d).toEqual(m('common.notFound'));
  });
});

describe('storedMessage', () => {
  it('reads a message kept as JSON in a text column, and older plain text as text', () => {
    expect(storedMessage(JSON.stringify(m('needs.importDone', { inserted: 2, refused: 0 })))).toEqual(
      m('needs.importDone', { inserted: 2, refused: 0 }),
    );
    expect(storedMessage('导入 2 行 / 2 rows imported')).toBe('导入 2 行 / 2 rows imported');
    expect(storedMessage('{not json')).toBe('{not json');
    expect(storedMessage(null)).toBe(null);
  });
});
