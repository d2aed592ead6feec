// The wall's live orders: loads the open ones, then keeps them current over the socket, and turns
// them into the orders layers. Each change rewrites one slot of OrderPoints and replaces only the
// orders layer instance (coalesced per microtask); the flash ring pulses on its `opacity` uniform.
import { onBeforeUnmount, onMounted, shallowRef } from 'vue';
import type { LayersList } from '@deck.gl/core';
import { useOrdersStore } from '../stores/orders';
import { useSocket } from '../realtime/use-socket';
import type { WallCommand } from '@contract/wall';
import { OrderPoints, createFlashLayer, createOrdersLayer, ORDERS_LAYER_ID } from '../map/layers/orders-layer';
import { exposeOrdersForTests } from '../map/test-hooks';
import { uiScale } from '../ui/ui-scale';

const FLASH_TICK_MS = 120;
const FLASH_PERIOD_MS = 1200;
const LOAD_RETRY_MS = 5000;

export function useLiveOrders(area: () => number | undefined, onCommand?: (c: WallCommand) => void) {
  const store = useOrdersStore();
  const scale = uiScale();
  const points = new OrderPoints();
  const layers = shallowRef<LayersList>([]);
  let dots = createOrdersLayer(points.binary(), scale);
  let flashData = points.flashingOrders();
  let rebuildQueued = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const phase = () =>
    reducedMotion() ? 1 : 0.5 + 0.5 * Math.cos((2 * Math.PI * (Date.now() % FLASH_PERIOD_MS)) / FLASH_PERIOD_MS);
  const publish = () => {
    layers.value = flashData.length ? [dots, createFlashLayer(flashData, scale, phase())] : [dots];
  };

  function queueRebuild(): void {
    if (rebuildQueued) return;
    rebuildQueued = true;
    queueMicrotask(() => {
      rebuildQueued = false;
      dots = createOrdersLayer(points.binary(), scale);
      flashData = points.flashingOrders();
      publish();
    });
  }

  const unsubscribe = store.subscribe((order, removed) => {
    if (removed) points.remove(order.id);
    else points.upsert(order);
    queueRebuild();
  });

  const { state, connect } = useSocket({
    order: (p) => store.push(p.seq, p.order),
    orderLeft: (p) => store.leave(p.seq, p.orderId),
    alarm: (a) => store.pushAlarm(a),
    alarmAck: (p) => store.ackAlarm(p),
    command: (c) => onCommand?.(c),
    // Replaying events the store has seen is harmless: it ignores them.
    lastSeq: () => store.lastSeq,
  });

  async function start(): Promise<void> {
    try {
      await store.load(area());
      connect();
    } catch (e) {
      console.warn('orders unavailable, retrying', e);
      retry = setTimeout(() => void start(), LOAD_RETRY_MS);
    }
  }

  onMounted(() => {
    store.reset();
    points.clear();
    void start();
    timer = setInterval(() => {
      if (flashData.length && !reducedMotion()) publish();
    }, FLASH_TICK_MS);
  });

  onBeforeUnmount(() => {
    unsubscribe();
    clearInterval(timer);
    clearTimeout(retry);
  });

  exposeOrdersForTests({
    count: () => store.count,
    ids: () => store.orders.map((o) => o.id),
    lastSeq: () => store.lastSeq,
    connection: () => state.value,
  });

  /** The order drawn at a picked index of the orders layer. */
  const orderAt = (layerId: string, index: number) => (layerId === ORDERS_LAYER_ID ? points.idAt(index) || null : null);

  return { layers, connection: state, orderAt, pickableLayerIds: [ORDERS_LAYER_ID] };
}

function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
