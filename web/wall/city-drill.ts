// The wall's path through the hierarchy when it holds several districts: the city above them is the top level
// (城市 › 区 › 街道 › 社区 › 网格), and the tour visits each district, then that district's streets.
import type { AreaCrumb, AreaDetail, AreaFeature, AreaLevel } from '@contract/areas';

/** A crumb of the drill path: an area, or the city above the districts (id null). */
export interface WallCrumb {
  id: number | null;
  name: string;
  level: AreaLevel | 'city';
}

/**
 * The breadcrumb: the current area's ancestors from the wall's scope down (nothing above the scope), under the
 * city when the wall holds several districts (`city` given: its name). At the city itself, the city alone.
 */
export function wallCrumbs(current: AreaDetail | null, scopeId: number | null, city: string | null): WallCrumb[] {
  const top: WallCrumb[] = city === null ? [] : [{ id: null, name: city, level: 'city' }];
  if (!current) return top;
  const self: AreaCrumb = { id: current.id, name: current.properties.name, level: current.properties.level };
  const chain = [...current.ancestors, self];
  const start = scopeId === null ? 0 : chain.findIndex((c) => c.id === scopeId);
  return [...top, ...(start > 0 ? chain.slice(start) : chain)];
}

/** The tour over several districts: each district, then its streets, in the order given (by code). */
export function cityTourStops(districts: readonly AreaFeature[], streets: readonly AreaFeature[]): AreaFeature[] {
  const out: AreaFeature[] = [];
  for (const d of districts) {
    out.push(d);
    for (const s of streets) if (s.properties.parentId === d.id) out.push(s);
  }
  return out;
}
