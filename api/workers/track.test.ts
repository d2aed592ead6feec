// Speed-jump flags with late and duplicate points, and stop detection on a hand-made trail.
import { describe, expect, it } from 'vitest';
import { detectStops, flagSpeedJumps, type Fix } from './track.js';

// ~1 m of latitude in degrees.
const M = 1 / 111_195;
const at = (s: number, north: number, flags = 0): Fix => ({ t: s * 1000, lon: 121.45, lat: 31.23 + north * M, flags });

describe('speed jumps', () => {
  it('flags a point too far from its predecessor in device time, not the return to the track', () => {
    const incoming = [at(0, 0), at(10, 10), at(20, 2000), at(30, 30)].map((p, index) => ({ ...p, index }));
    const { points } = flagSpeedJumps([], incoming);
    expect(points.map((p) => p.flags)).toEqual([0, 0, 1, 0]);
  });

  it('puts a late point in its place among the stored ones and drops instants already stored', () => {
    const stored = [at(0, 0), at(60, 60)];
    const incoming = [at(60, 60), at(30, 30), at(30, 30)].map((p, index) => ({ ...p, index }));
    const { points, duplicates } = flagSpeedJumps(stored, incoming);
    expect(duplicates).toBe(2);
    expect(points.map((p) => [p.t, p.flags])).toEqual([[30_000, 0]]);
  });
});

describe('stops', () => {
  it('finds a stay of ≥ 5 minutes within 30 m and ignores a shorter one', () => {
    const trail: Fix[] = [];
    for (let s = 0; s <= 100; s += 20) trail.push(at(s, s)); // walking 1 m/s
    for (let s = 140; s <= 140 + 360; s += 30) trail.push(at(s, 140 + (s % 60 === 0 ? 5 : 0))); // 6 min near 140 m
    for (let s = 530; s <= 600; s += 10) trail.push(at(s, 140 + (s - 490)));
    for (let s = 610; s <= 780; s += 30) trail.push(at(s, 250)); // under 3 min
    const stops = detectStops(trail);
    expect(stops).toHaveLength(1);
    expect(stops[0].from).toBe(140_000);
    expect(stops[0].to).toBe(500_000);
  });
});
