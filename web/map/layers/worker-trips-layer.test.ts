// Trail playback data: seconds from the origin, the position at a time, coverage colours.
import { describe, expect, it } from 'vitest';
import { positionAt, toTrips } from './worker-trips-layer';
import { coverageColor } from './worker-coverage-layer';

describe('trips', () => {
  const trail = {
    workerId: 1,
    name: 'a',
    gridIds: [1],
    path: [
      [0, 0],
      [1, 1],
      [2, 2],
    ] as [number, number][],
    timestamps: [1000, 61_000, 121_000],
    stops: [],
    flagged: 0,
  };

  it('turns timestamps into seconds from the origin and finds the position at a time', () => {
    const [trip] = toTrips([trail], 1000);
    expect(trip.times).toEqual([0, 60, 120]);
    expect(positionAt(trip, -5)).toEqual([0, 0]);
    expect(positionAt(trip, 59)).toEqual([0, 0]);
    expect(positionAt(trip, 60)).toEqual([1, 1]);
    expect(positionAt(trip, 500)).toEqual([2, 2]);
  });

  it('colours coverage from dark to bright', () => {
    expect(coverageColor(0)[1]).toBeLessThan(coverageColor(1)[1]);
    expect(coverageColor(2)).toEqual(coverageColor(1));
  });
});
