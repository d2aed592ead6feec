import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { OrderSummary } from '@contract/orders';

// The API answers like the server: newest first, `limit` rows below `before`, from 250 orders.
const ALL = Array.from({ length: 250 }, (_, i) => ({ id: 250 - i }) as OrderSummary);
const calls: { limit?: number; before?: number }[] = [];
vi.mock('../api/orders', () => ({
  listOrders: vi.fn(async (q: { limit?: number; before?: number }) => {
    calls.push({ limit: q.limit, before: q.before });
    return ALL.filter((o) => q.before === undefined || o.id < q.before).slice(0, q.limit);
  }),
}));
const { useQueue, QUEUE_PAGE } = await import('./use-queue');

const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick();
  await new Promise((r) => setTimeout(r, 0));
};

afterEach(() => {
  calls.length = 0;
});

describe('useQueue', () => {
  it('pages below the last id until a short page says there is no more', async () => {
    const q = useQueue();
    await settle();
    expect(q.rows.value.map((o) => o.id).slice(0, 2)).toEqual([250, 249]);
    expect(q.rows.value).toHaveLength(QUEUE_PAGE);
    expect(q.hasMore.value).toBe(true);
    await q.more();
    expect(calls.at(-1)).toEqual({ limit: QUEUE_PAGE, before: 151 });
    expect(q.rows.value).toHaveLength(200);
    await q.more();
    expect(q.rows.value).toHaveLength(250);
    expect(q.rows.value.at(-1)!.id).toBe(1);
    expect(q.hasMore.value).toBe(false);
  });

  it('keeps what was shown when a push reloads it, and starts over when the filters change', async () => {
    const q = useQueue();
    await settle();
    await q.more();
    await q.reload(true);
    expect(calls.at(-1)).toEqual({ limit: 200, before: undefined });
    expect(q.rows.value).toHaveLength(200);
    q.filters.overdue = true;
    await settle();
    expect(calls.at(-1)).toEqual({ limit: QUEUE_PAGE, before: undefined });
    expect(q.rows.value).toHaveLength(QUEUE_PAGE);
  });
});
