import { describe, expect, it } from 'vitest';
import { readsRawText, textFor } from './free-text.js';

const text = '联系人张三 13812345678';

describe('who reads free text as written', () => {
  it("the center's staff (admin, operator, dispatcher) do, on their console", () => {
    for (const role of ['admin', 'operator', 'dispatcher'] as const)
      expect(readsRawText({ id: 1, role }, { authorId: 99 })).toBe(true);
    expect(textFor({ id: 1, role: 'dispatcher' }, { authorId: 99 }, text)).toBe(text);
  });

  it('planners, supervisors and grid workers who neither wrote nor handle it read it masked', () => {
    for (const role of ['planner', 'supervisor', 'grid_worker'] as const)
      expect(readsRawText({ id: 1, role }, { authorId: 99 })).toBe(false);
    expect(textFor({ id: 1, role: 'planner' }, { authorId: 99 }, text)).toBe('联系人张* 138****5678');
  });

  it('its author does, and whoever handles the item on site, whatever the role', () => {
    expect(readsRawText({ id: 99, role: 'grid_worker' }, { authorId: 99 })).toBe(true);
    expect(readsRawText({ id: 99, role: 'planner' }, { authorId: 99 })).toBe(true);
    expect(readsRawText({ id: 99, role: 'grid_worker' }, { authorId: null })).toBe(false);
    expect(readsRawText({ id: 1, role: 'grid_worker' }, { authorId: 99, handler: true })).toBe(true);
  });

  it('nobody does on a wall or in a document handed on', () => {
    for (const view of ['wall', 'document'] as const) {
      expect(readsRawText({ id: 99, role: 'admin' }, { authorId: 99, handler: true, view })).toBe(false);
      expect(textFor({ id: 1, role: 'dispatcher' }, { authorId: 1, view }, text)).toBe('联系人张* 138****5678');
    }
  });
});
