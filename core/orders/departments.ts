// The departments orders are routed to, and the demo city's responsibility list (责任清单):
// each category's lead department (主办) with the departments that assist (协办), and stricter
// routing for 重大 hazards, where emergency management leads and fire and the owner assist.
import { DEPARTMENTS, ORDER_CATEGORIES, type Department } from '../../contract/order-categories.js';
import type { HazardLevel } from '../../contract/orders.js';

export const DEPARTMENT_NAMES: Record<Department, { zh: string; en: string }> = {
  urban_mgmt: { zh: '区城管执法局', en: 'Urban management enforcement bureau' },
  emergency: { zh: '区应急管理局', en: 'Emergency management bureau' },
  fire: { zh: '区消防救援支队', en: 'Fire and rescue detachment' },
  housing: { zh: '区房屋管理局', en: 'Housing administration bureau' },
  market: { zh: '区市场监督管理局', en: 'Market supervision bureau' },
  transport: { zh: '区交通管理部门', en: 'Transport department' },
  civil_affairs: { zh: '区民政局', en: 'Civil affairs bureau' },
  judicial: { zh: '街道司法所', en: 'Street judicial office' },
  human_resources: { zh: '区人力资源和社会保障局', en: 'Human resources and social security bureau' },
  eco_env: { zh: '区生态环境局', en: 'Ecology and environment bureau' },
  public_security: { zh: '公安分局', en: 'Public security sub-bureau' },
  community: { zh: '社区居委会', en: "Residents' committee" },
  property_co: { zh: '物业服务企业', en: 'Property management company' },
};

export interface ResponsibilityRule {
  categoryCode: string;
  areaId: number | null;
  hazardLevel: HazardLevel | null;
  leadDept: Department;
  assistDepts: Department[];
}

/** Who helps, by family: the committee knows the people, the street's judicial office mediates. */
const ASSIST_BY_FAMILY: Partial<Record<string, Department[]>> = {
  safety: ['community'],
  dispute: ['judicial'],
  sanitation: ['community'],
  group_renting: ['public_security', 'community'],
  illegal_construction: ['community'],
  special_care: ['community'],
  property: ['community'],
  parking: ['community'],
  noise: ['community'],
};

export function defaultResponsibilities(): ResponsibilityRule[] {
  const rules: ResponsibilityRule[] = [];
  for (const c of ORDER_CATEGORIES) {
    const assist = (ASSIST_BY_FAMILY[c.family] ?? []).filter((d) => d !== c.defaultDept);
    rules.push({ categoryCode: c.code, areaId: null, hazardLevel: null, leadDept: c.defaultDept, assistDepts: assist });
    if (c.family === 'safety') {
      // 重大隐患: emergency management leads; the owning department and fire assist.
      const critical = [c.defaultDept, 'fire', 'community'].filter(
        (d, i, a) => d !== 'emergency' && a.indexOf(d) === i,
      ) as Department[];
      rules.push({
        categoryCode: c.code,
        areaId: null,
        hazardLevel: 'critical',
        leadDept: 'emergency',
        assistDepts: critical,
      });
    }
  }
  return rules;
}

export const ALL_DEPARTMENTS = DEPARTMENTS.map((code) => ({ code, ...DEPARTMENT_NAMES[code] }));
