// How an order looks wherever it is shown: which statuses count as open, the colour of each status
// (map dots, chips), the dot size by hazard level (一般/较大/重大), and which orders must flash.
import type { HazardLevel, OrderStatus, OrderSummary } from '@contract/orders';

/** Still needs someone to act: what the wall loads and keeps; closed, cancelled and merged ones drop off. */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'returned',
  'on_hold',
];
export const isOpen = (s: OrderStatus) => OPEN_STATUSES.includes(s);

export type Rgb = [number, number, number];

/** Chosen to stay apart from the base map's cyan/teal lines and from each other on a dark wall. */
export const STATUS_COLORS: Readonly<Record<OrderStatus, Rgb>> = {
  reported: [255, 64, 64],
  accepted: [255, 140, 26],
  dispatched: [255, 214, 10],
  in_progress: [64, 156, 255],
  resolved: [64, 230, 120],
  returned: [214, 92, 255],
  on_hold: [150, 160, 175],
  closed: [90, 110, 130],
  cancelled: [90, 110, 130],
  duplicate: [90, 110, 130],
};

export const statusHex = (s: OrderStatus) =>
  `#${STATUS_COLORS[s].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** Dot radius in design pixels (× the wall's UI scale). */
export const HAZARD_RADIUS: Readonly<Record<HazardLevel, number>> = { general: 5, major: 7.5, critical: 10 };

/** 重大 hazards and red-carded orders flash until they close. */
export const isFlashing = (o: Pick<OrderSummary, 'hazardLevel' | 'cardsIssued'>) =>
  o.hazardLevel === 'critical' || o.cardsIssued >= 2;
