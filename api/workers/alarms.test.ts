// Duty time, geofence and silence rules with a fixed clock.
import { describe, expect, it } from 'vitest';
import { alarmState, dutyMsBetween } from './alarms.js';
import { parseDuty } from './settings.js';

const duty = parseDuty('08:30-12:00,14:00-17:30');
const sh = (hm: string) => Date.parse(`2026-03-02T${hm}:00+08:00`);
const rules = { duty, outOfGridMinutes: 30, silentMinutes: 20 };

describe('duty time', () => {
  it('counts only duty windows', () => {
    expect(dutyMsBetween(sh('11:50'), sh('14:10'), duty)).toBe(20 * 60_000);
  });
});

describe('geofence and silence', () => {
  const walk = (from: string, to: string, inside: boolean) => {
    const out = [];
    for (let t = sh(from); t <= sh(to); t += 60_000) out.push({ t, inside });
    return out;
  };

  it('raises out-of-grid after more than 30 duty minutes outside, from the first point outside', () => {
    const track = [...walk('09:00', '09:40', true), ...walk('09:41', '10:10', false)];
    expect(alarmState(track, sh('10:10'), rules).outOfGrid).toBeNull(); // 29 min
    const longer = [...track, ...walk('10:11', '10:13', false)];
    expect(alarmState(longer, sh('10:13'), rules)).toEqual({ outOfGrid: sh('09:41'), silent: null });
  });

  it('clears when the worker is back inside', () => {
    const track = [
      ...walk('09:00', '09:10', false),
      ...walk('09:11', '10:00', false),
      { t: sh('10:01'), inside: true },
    ];
    expect(alarmState(track, sh('10:01'), rules).outOfGrid).toBeNull();
  });

  it('raises silence after 20 duty minutes without a position, not over lunch, not for a worker who never started', () => {
    const track = walk('09:00', '11:55', true);
    expect(alarmState(track, sh('13:50'), rules).silent).toBeNull(); // lunch: not on duty
    expect(alarmState(track, sh('14:10'), rules).silent).toBeNull(); // 5 + 10 duty minutes
    expect(alarmState(track, sh('14:20'), rules).silent).toBe(sh('11:55'));
    expect(alarmState([], sh('10:00'), rules)).toEqual({ outOfGrid: null, silent: null });
  });
});
