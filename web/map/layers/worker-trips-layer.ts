// Trail playback: deck.gl TripsLayer (paths with timestamps, a fading tail up to the current time) plus
// the stops (≥ 5 min within 30 m) as rings. Times are seconds from `origin` so they fit in 32-bit floats.
import { TripsLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Stop, Trail } from '@contract/workers';
import { shown, shownPath } from '../display-datum';

export const WORKER_TRIPS_LAYER_ID = 'worker-trips';

export interface TripDatum {
  workerId: number;
  path: [number, number][];
  times: number[];
}

/** Trails → TripsLayer data, times in seconds since origin (epoch ms). */
export function toTrips(trails: readonly Trail[], origin: number): TripDatum[] {
  return trails
    .filter((t) => t.path.length > 1)
    .map((t) => ({ workerId: t.workerId, path: t.path, times: t.timestamps.map((ms) => (ms - origin) / 1000) }));
}

/** Where a trail is at time `at` (seconds since origin): the last point not after it (or the first). */
export function positionAt(trip: TripDatum, at: number): [number, number] | null {
  if (!trip.times.length) return null;
  let lo = 0,
    hi = trip.times.length - 1;
  if (at <= trip.times[0]) return trip.path[0];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (trip.times[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return trip.path[lo];
}

interface StopDatum extends Stop {
  workerId: number;
  fromS: number;
}

export function createWorkerTripsLayers(
  trips: TripDatum[],
  stops: StopDatum[],
  currentTime: number,
  opts: { trailSeconds?: number; highlight?: number | null } = {},
) {
  return [
    new TripsLayer<TripDatum>({
      id: WORKER_TRIPS_LAYER_ID,
      data: trips,
      getPath: (d) => shownPath(d.path),
      getTimestamps: (d) => d.times,
      getColor: (d) => (d.workerId === opts.highlight ? [255, 200, 60] : [53, 212, 255]),
      widthMinPixels: 3,
      capRounded: true,
      jointRounded: true,
      fadeTrail: true,
      trailLength: opts.trailSeconds ?? 1800,
      currentTime,
      updateTriggers: { getColor: opts.highlight ?? 0 },
    }),
    new ScatterplotLayer<StopDatum>({
      id: `${WORKER_TRIPS_LAYER_ID}-stops`,
      data: stops.filter((s) => s.fromS <= currentTime),
      getPosition: (s) => shown(s.lon, s.lat),
      getRadius: (s) => 6 + Math.min(14, s.minutes / 3),
      radiusUnits: 'pixels',
      stroked: true,
      filled: true,
      getFillColor: [255, 170, 60, 70],
      getLineColor: [255, 170, 60, 230],
      lineWidthMinPixels: 1.5,
      pickable: true,
    }),
  ];
}

export function stopsOf(trails: readonly Trail[], origin: number): StopDatum[] {
  return trails.flatMap((t) =>
    t.stops.map((s) => ({ ...s, workerId: t.workerId, fromS: (Date.parse(s.from) - origin) / 1000 })),
  );
}
