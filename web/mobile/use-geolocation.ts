// The phone's position for a report: one fix from navigator.geolocation on request; when that fails
// (no permission, indoors, no GPS) the user taps the map instead and `set` records that point.
import { ref } from 'vue';

export type LocateState = 'idle' | 'locating' | 'ok' | 'failed';

export function useGeolocation() {
  const position = ref<[number, number] | null>(null);
  const state = ref<LocateState>('idle');

  function locate(): void {
    if (!('geolocation' in navigator)) {
      state.value = 'failed';
      return;
    }
    state.value = 'locating';
    navigator.geolocation.getCurrentPosition(
      (p) => {
        position.value = [p.coords.longitude, p.coords.latitude];
        state.value = 'ok';
      },
      () => {
        state.value = 'failed';
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    );
  }

  function set(lngLat: [number, number]): void {
    position.value = lngLat;
    state.value = 'ok';
  }

  return { position, state, locate, set };
}
