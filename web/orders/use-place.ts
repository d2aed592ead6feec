// Where an order is, in words: the server's place (street › community › grid, nearest address) when it sends one,
// else the names of the order's grid and the areas above it, read from the areas API (no address then).
import { ref, watch, type Ref } from 'vue';
import type { OrderDetail } from '@contract/orders';
import { getArea } from '../api/areas';

export type Place = NonNullable<OrderDetail['place']>;

/** The place's parts that are known, in order: street › community › grid. */
export const placePath = (p: Place | null): string[] =>
  p ? [p.street, p.community, p.grid].filter((x): x is string => !!x) : [];

export function usePlace(order: () => OrderDetail | null): Ref<Place | null> {
  const place = ref<Place | null>(null);
  watch(
    () => [order()?.id, order()?.gridId, order()?.place] as const,
    async ([id, gridId, given]) => {
      if (given) {
        place.value = given;
        return;
      }
      place.value = null;
      if (id === undefined || gridId === undefined) return;
      const g = await getArea(gridId).catch(() => null);
      if (!g || order()?.id !== id) return;
      const at = (level: string) => g.ancestors.find((a) => a.level === level)?.name ?? null;
      place.value = { street: at('street'), community: at('community'), grid: g.properties.name, address: null };
    },
    { immediate: true },
  );
  return place;
}
