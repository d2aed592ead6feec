// Live work orders as dots (deck.gl ScatterplotLayer over binary attributes): colour by status, size by
// hazard level, plus a pulsing ring around 重大 hazards and red-carded orders. OrderPoints keeps one slot
// per order in typed arrays and rewrites only the slot that changed; a push therefore costs one slot
// write and a buffer upload of this layer, while every other layer keeps its instance and its buffers.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { OrderSummary } from '@contract/orders';
import { HAZARD_RADIUS, STATUS_COLORS, isFlashing } from '../../orders/order-status';
import { shown } from '../display-datum';

export const ORDERS_LAYER_ID = 'orders';
const FLASH_COLOR: [number, number, number] = [255, 48, 48];

export class OrderPoints {
  private capacity = 0;
  /** High-water mark of slots in use; freed slots below it are transparent and reused first. */
  private length = 0;
  private positions = new Float32Array(0);
  private colors = new Uint8Array(0);
  private radii = new Float32Array(0);
  private ids = new Int32Array(0);
  private slotOf = new Map<number, number>();
  private free: number[] = [];
  private flashing = new Map<number, OrderSummary>();
  private flashList: OrderSummary[] = [];
  /** Bumped on every change; layers compare it to know when to re-upload. */
  version = 0;

  upsert(o: OrderSummary): void {
    let slot = this.slotOf.get(o.id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.length++;
      if (slot >= this.capacity) this.grow(Math.max(256, this.capacity * 2));
      this.slotOf.set(o.id, slot);
      this.ids[slot] = o.id;
    }
    const [lon, lat] = shown(o.lon, o.lat);
    this.positions[slot * 2] = lon;
    this.positions[slot * 2 + 1] = lat;
    this.colors.set([...STATUS_COLORS[o.status], 255], slot * 4);
    this.radii[slot] = HAZARD_RADIUS[o.hazardLevel];
    const flashes = isFlashing(o);
    if (flashes || this.flashing.has(o.id)) {
      if (flashes) this.flashing.set(o.id, o);
      else this.flashing.delete(o.id);
      this.flashList = [...this.flashing.values()];
    }
    this.version++;
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = 0;
    this.colors[slot * 4 + 3] = 0;
    this.radii[slot] = 0;
    this.free.push(slot);
    if (this.flashing.delete(id)) this.flashList = [...this.flashing.values()];
    this.version++;
  }

  clear(): void {
    this.slotOf.clear();
    this.free = [];
    this.length = 0;
    this.flashing.clear();
    this.flashList = [];
    this.version++;
  }

  /** Order id drawn at a picked index (0 when the slot is free). */
  idAt(index: number): number {
    return this.ids[index] ?? 0;
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Fresh views on the same memory: deck.gl sees new buffers and uploads them, without copying in JS. */
  binary() {
    const n = this.length;
    return {
      length: n,
      attributes: {
        getPosition: { value: this.positions.subarray(0, n * 2), size: 2 },
        getFillColor: { value: this.colors.subarray(0, n * 4), size: 4, normalized: true },
        getRadius: { value: this.radii.subarray(0, n), size: 1 },
      },
    };
  }

  flashingOrders(): readonly OrderSummary[] {
    return this.flashList;
  }

  private grow(capacity: number): void {
    const grow = <T extends Float32Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T, per: number): T => {
      const next = make(capacity * per);
      next.set(old);
      return next;
    };
    this.positions = grow(this.positions, (n) => new Float32Array(n), 2);
    this.colors = grow(this.colors, (n) => new Uint8Array(n), 4);
    this.radii = grow(this.radii, (n) => new Float32Array(n), 1);
    this.ids = grow(this.ids, (n) => new Int32Array(n), 1);
    this.capacity = capacity;
  }
}

const overlay = { depthWriteEnabled: false, depthCompare: 'always' } as const;

/** The dots: rebuilt as a layer instance only when the points changed (same data object otherwise). */
export function createOrdersLayer(data: ReturnType<OrderPoints['binary']>, scale: number): ScatterplotLayer {
  return new ScatterplotLayer({
    id: ORDERS_LAYER_ID,
    data,
    pickable: true,
    radiusUnits: 'pixels',
    radiusScale: scale,
    stroked: true,
    getLineColor: [2, 8, 20, 230],
    lineWidthUnits: 'pixels',
    getLineWidth: Math.max(1, scale),
    parameters: overlay,
  });
}

/**
 * The pulsing rings: `opacity` is a uniform, so animating it (one new instance per tick with the same
 * data array) never touches an attribute; the ring set itself changes only when an order starts or stops flashing.
 */
export function createFlashLayer(
  orders: readonly OrderSummary[],
  scale: number,
  phase: number,
): ScatterplotLayer<OrderSummary> {
  return new ScatterplotLayer<OrderSummary>({
    id: `${ORDERS_LAYER_ID}-flash`,
    data: orders,
    radiusUnits: 'pixels',
    radiusScale: scale,
    getRadius: (o) => HAZARD_RADIUS[o.hazardLevel] * 2.2,
    getPosition: (o) => shown(o.lon, o.lat),
    filled: true,
    getFillColor: [...FLASH_COLOR, 60],
    stroked: true,
    getLineColor: [...FLASH_COLOR, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 2 * scale,
    opacity: 0.15 + 0.85 * phase,
    parameters: overlay,
  });
}
