// The console's live feed: one socket, started from the latest seq the server reports, telling the page
// which order changed (or left its scope) so the queue and the open order reload. Older pushes (a replay)
// are ignored.
import { onMounted } from 'vue';
import { getKpis, listOrders } from '../api/orders';
import { useSocket } from '../realtime/use-socket';

export function useConsoleLive(onOrder: (id: number, seq: number) => void) {
  let lastSeq = 0;
  const seen = (seq: number) => {
    if (seq <= lastSeq) return false;
    lastSeq = seq;
    return true;
  };
  const { state, connect } = useSocket({
    order: (p) => {
      if (seen(p.seq)) onOrder(p.order.id, p.seq);
    },
    orderLeft: (p) => {
      if (seen(p.seq)) onOrder(p.orderId, p.seq);
    },
    alarm: (a) => void seen(a.seq),
    lastSeq: () => lastSeq,
  });

  onMounted(async () => {
    const k = await getKpis().catch(() => null);
    const newest = k ? null : await listOrders({ limit: 1 }).catch(() => []);
    lastSeq = Math.max(lastSeq, k?.lastSeq ?? newest?.[0]?.updatedSeq ?? 0);
    connect();
  });

  return { connection: state };
}
