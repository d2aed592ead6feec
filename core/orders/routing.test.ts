import { describe, expect, it } from 'vitest';
import { defaultResponsibilities, type ResponsibilityRule } from './departments.js';
import { routeOrder } from './routing.js';

const rule = (r: Partial<ResponsibilityRule>): ResponsibilityRule => ({
  categoryCode: 'SAF-04',
  areaId: null,
  hazardLevel: null,
  leadDept: 'emergency',
  assistDepts: [],
  ...r,
});

describe('routeOrder', () => {
  const line = [1, 3, 17, 120]; // district, street, community, grid

  it('sends a 重大 gas hazard to emergency management with fire assisting', () => {
    const r = routeOrder(defaultResponsibilities(), {
      categoryCode: 'SAF-04',
      hazardLevel: 'critical',
      areaLine: line,
    });
    expect(r?.leadDept).toBe('emergency');
    expect(r?.assistDepts).toContain('fire');
  });

  it('sends an ordinary blocked fire lane to the fire service', () => {
    expect(
      routeOrder(defaultResponsibilities(), { categoryCode: 'SAF-01', hazardLevel: 'major', areaLine: line })?.leadDept,
    ).toBe('fire');
  });

  it("prefers the nearest area's rule over the district-wide one", () => {
    const rules = [
      rule({ leadDept: 'emergency' }),
      rule({ areaId: 3, leadDept: 'housing' }),
      rule({ areaId: 17, leadDept: 'community' }),
    ];
    expect(routeOrder(rules, { categoryCode: 'SAF-04', hazardLevel: 'general', areaLine: line })?.leadDept).toBe(
      'community',
    );
    expect(
      routeOrder(rules, { categoryCode: 'SAF-04', hazardLevel: 'general', areaLine: [1, 3, 18, 130] })?.leadDept,
    ).toBe('housing');
    expect(
      routeOrder(rules, { categoryCode: 'SAF-04', hazardLevel: 'general', areaLine: [1, 4, 19, 140] })?.leadDept,
    ).toBe('emergency');
  });

  it('lets an exact hazard level beat "any level" in the same area', () => {
    const rules = [rule({ leadDept: 'housing' }), rule({ hazardLevel: 'major', leadDept: 'fire' })];
    expect(routeOrder(rules, { categoryCode: 'SAF-04', hazardLevel: 'major', areaLine: line })?.leadDept).toBe('fire');
    expect(routeOrder(rules, { categoryCode: 'SAF-04', hazardLevel: 'general', areaLine: line })?.leadDept).toBe(
      'housing',
    );
  });

  it('finds nothing for a category without rules', () => {
    expect(routeOrder([rule({})], { categoryCode: 'NOI-01', hazardLevel: 'general', areaLine: line })).toBeNull();
  });

  it('ships a rule for every category, never assisting the lead itself', () => {
    const rules = defaultResponsibilities();
    for (const r of rules) expect(r.assistDepts).not.toContain(r.leadDept);
    expect(new Set(rules.map((r) => r.categoryCode)).size).toBeGreaterThanOrEqual(30);
  });
});
