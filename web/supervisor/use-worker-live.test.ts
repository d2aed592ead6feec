// Live positions: pushes merge by worker, newer wins, stale after 10 minutes.
import { describe, expect, it } from 'vitest';
import { applyPush } from './use-worker-live';

const base = { workerId: 1, name: '张三', gridId: 5, gridName: '一网格', lon: 121, lat: 31, flags: 0 };

describe('live positions', () => {
  it('adds a worker, replaces an older position, ignores an older push', () => {
    const now = Date.parse('2026-03-02T02:00:00Z');
    let list = applyPush([], { ...base, t: '2026-03-02T01:40:00Z' }, now);
    expect(list).toHaveLength(1);
    expect(list[0].stale).toBe(true);
    list = applyPush(list, { ...base, lon: 122, t: '2026-03-02T01:55:00Z' }, now);
    expect(list[0]).toMatchObject({ lon: 122, stale: false });
    expect(applyPush(list, { ...base, lon: 0, t: '2026-03-02T01:50:00Z' }, now)[0].lon).toBe(122);
  });
});
