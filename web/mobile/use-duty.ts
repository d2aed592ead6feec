// On duty (上岗), the phone sends its positions: fixes from watchPosition, thinned to one per 10 s or per
// 10 m moved, buffered in localStorage (so an hour offline or a reload loses nothing) and posted in batches
// of up to 500 (position-queue.ts) every 30 s and when the phone comes back online. The server puts late
// points in place and drops repeats, so a batch that is sent twice (a lost answer) does no harm.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import type { PositionPoint } from '@contract/workers';
import { localDistance } from '../../core/geo/index';
import { ApiError, request } from '../api/client';
import { drainPositions } from './position-queue';

const KEY = 'gridwall.duty';
const BUFFER_KEY = 'gridwall.positions';
const SEND_EVERY_MS = 30_000;
/** About a day of points at one per 10 s; beyond that the oldest go. */
const MAX_BUFFER = 10_000;
const MIN_GAP_MS = 10_000;
const MIN_MOVE_M = 10;

/** Keep a fix when it is the first, or 10 s after the last kept one, or 10 m away from it. */
export function shouldKeep(last: PositionPoint | undefined, next: PositionPoint): boolean {
  if (!last) return true;
  return (
    Date.parse(next.t) - Date.parse(last.t) >= MIN_GAP_MS ||
    localDistance([last.lon, last.lat], [next.lon, next.lat]) >= MIN_MOVE_M
  );
}

function load(): PositionPoint[] {
  try {
    const v = JSON.parse(localStorage.getItem(BUFFER_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as PositionPoint[]) : [];
  } catch {
    return [];
  }
}

export function useDuty() {
  const onDuty = ref(localStorage.getItem(KEY) === 'on');
  const pending = ref(load().length);
  const error = ref('');
  let buffer = load();
  let watch: number | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let sending = false;

  const save = () => {
    if (buffer.length > MAX_BUFFER) buffer = buffer.slice(buffer.length - MAX_BUFFER);
    localStorage.setItem(BUFFER_KEY, JSON.stringify(buffer));
    pending.value = buffer.length;
  };

  async function flush(): Promise<void> {
    if (sending || !buffer.length || !navigator.onLine) return;
    sending = true;
    try {
      const out = await drainPositions(
        {
          read: () => buffer,
          write: (rest) => {
            buffer = rest;
            save();
          },
        },
        (points) => request('/api/positions', { method: 'POST', body: { points } }).then(() => undefined),
        (e) => (e instanceof ApiError ? e.status : undefined),
      );
      // What was not sent stays buffered; the next round tries again.
      error.value = out.error ? (out.error as Error).message : '';
    } finally {
      sending = false;
    }
  }

  function add(p: GeolocationPosition): void {
    const point: PositionPoint = {
      t: new Date(p.timestamp).toISOString(),
      lon: p.coords.longitude,
      lat: p.coords.latitude,
      accuracy: Math.min(100_000, Math.round(p.coords.accuracy)),
      ...(p.coords.speed !== null && p.coords.speed >= 0 ? { speed: p.coords.speed } : {}),
    };
    if (!shouldKeep(buffer.at(-1), point)) return;
    buffer.push(point);
    save();
    // The first fix of a stretch goes at once, so the wall shows the worker as soon as they start.
    if (buffer.length === 1) void flush();
  }

  function start(): void {
    if (watch !== null || !('geolocation' in navigator)) return;
    watch = navigator.geolocation.watchPosition(
      add,
      (e) => {
        error.value = e.message;
      },
      { enableHighAccuracy: true, maximumAge: 5_000 },
    );
    timer = setInterval(() => void flush(), SEND_EVERY_MS);
  }

  function stop(): void {
    if (watch !== null) navigator.geolocation.clearWatch(watch);
    watch = null;
    clearInterval(timer);
    void flush();
  }

  function toggle(): void {
    onDuty.value = !onDuty.value;
    localStorage.setItem(KEY, onDuty.value ? 'on' : 'off');
    if (onDuty.value) start();
    else stop();
  }

  const online = () => void flush();
  onMounted(() => {
    window.addEventListener('online', online);
    if (onDuty.value) start();
    void flush();
  });
  onBeforeUnmount(() => {
    window.removeEventListener('online', online);
    if (watch !== null) navigator.geolocation.clearWatch(watch);
    clearInterval(timer);
  });

  return { onDuty, pending, error, toggle, flush };
}
