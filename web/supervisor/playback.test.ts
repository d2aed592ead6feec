// The playback clock: speed × real time, stops at the end, still when paused.
import { describe, expect, it } from 'vitest';
import { advance } from './playback';

describe('playback clock', () => {
  it('moves at speed × real time, and stops at the end', () => {
    expect(advance({ time: 0, playing: true }, 1000, 1, 3600)).toEqual({ time: 1, playing: true });
    expect(advance({ time: 0, playing: true }, 500, 60, 3600)).toEqual({ time: 30, playing: true });
    expect(advance({ time: 3590, playing: true }, 1000, 60, 3600)).toEqual({ time: 3600, playing: false });
  });
  it('does not move when paused', () => {
    expect(advance({ time: 10, playing: false }, 1000, 60, 3600)).toEqual({ time: 10, playing: false });
  });
});
