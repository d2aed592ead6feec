// Trail playback clock, pure: where the cursor is after `dtMs` of wall time at a speed, clamped to the
// period, stopping at its end.

export const SPEEDS = [1, 5, 10, 30, 60] as const;

export interface PlaybackState {
  /** Seconds since the period's start. */
  time: number;
  playing: boolean;
}

/** The next state after dtMs of real time at `speed`× (1× = real time: one trail second per second). */
export function advance(s: PlaybackState, dtMs: number, speed: number, duration: number): PlaybackState {
  if (!s.playing) return s;
  const time = s.time + (dtMs / 1000) * speed;
  return time >= duration ? { time: duration, playing: false } : { time, playing: true };
}
