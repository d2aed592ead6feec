// Routing (派单): picks the responsibility rule for an order — the most specific one whose category
// matches, whose area is the order's grid or one of its ancestors (nearer wins), and whose hazard
// level matches (a rule for the exact level beats one for any level).
import type { HazardLevel } from '../../contract/orders.js';
import type { ResponsibilityRule } from './departments.js';

export interface RouteTarget {
  categoryCode: string;
  hazardLevel: HazardLevel;
  /** Area ids from the district down to the order's grid. */
  areaLine: readonly number[];
}

export function specificity(rule: ResponsibilityRule, t: RouteTarget): number | null {
  if (rule.categoryCode !== t.categoryCode) return null;
  if (rule.hazardLevel !== null && rule.hazardLevel !== t.hazardLevel) return null;
  let areaScore = 0;
  if (rule.areaId !== null) {
    const depth = t.areaLine.indexOf(rule.areaId);
    if (depth < 0) return null;
    areaScore = depth + 1;
  }
  // Area first (a street's own rule beats the district's), then the hazard level.
  return areaScore * 2 + (rule.hazardLevel === null ? 0 : 1);
}

export function routeOrder(rules: readonly ResponsibilityRule[], t: RouteTarget): ResponsibilityRule | null {
  let best: ResponsibilityRule | null = null;
  let bestScore = -1;
  for (const r of rules) {
    const s = specificity(r, t);
    if (s !== null && s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  return best;
}
