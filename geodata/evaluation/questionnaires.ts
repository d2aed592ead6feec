// Demo questionnaire results: four quarters for every community of the demo city, per respondent group and
// questionnaire indicator, deterministic from the seed. Each community has a level (street and community
// effects), strengths and weaknesses by indicator, and a trend across quarters, so rankings differ and move;
// sampling noise shrinks with the number of respondents. Plus a few special bonus/penalty items per quarter.
import type { City } from '../city/types.js';
import { Rng } from '../city/rng.js';
import { DEMO_SYSTEM, type DemoIndicator } from './system.js';

export interface DemoPeriod {
  code: string;
  starts: string;
  ends: string;
}

/** The four latest complete calendar quarters before `end` (UTC dates; ends exclusive), oldest first. */
export function demoPeriods(end: Date, count = 4): DemoPeriod[] {
  let y = end.getUTCFullYear();
  let qi = Math.floor(end.getUTCMonth() / 3); // the current, incomplete quarter
  const out: DemoPeriod[] = [];
  for (let k = 0; k < count; k++) {
    qi -= 1;
    if (qi < 0) {
      qi = 3;
      y -= 1;
    }
    const m = (n: number) => String(n).padStart(2, '0');
    const starts = `${y}-${m(qi * 3 + 1)}-01`;
    const ends = qi === 3 ? `${y + 1}-01-01` : `${y}-${m(qi * 3 + 4)}-01`;
    out.unshift({ code: `${y}Q${qi + 1}`, starts, ends });
  }
  return out;
}

export const GROUP_OFFSET = { elder: 1.5, middle_young: -1.5, organisation: 0.5 } as const;
type Group = keyof typeof GROUP_OFFSET;
const GROUPS = Object.keys(GROUP_OFFSET) as Group[];

export interface DemoResponses {
  period: number[];
  areaId: number[];
  group: Group[];
  indicator: string[];
  respondents: number[];
  score: number[];
}

export function questionnaireIndicators(): DemoIndicator[] {
  return DEMO_SYSTEM.flatMap((d) => d.focuses.flatMap((f) => f.indicators)).filter((i) => i.source === 'questionnaire');
}

export function generateResponses(city: City, seed: number, periods: number): DemoResponses {
  const rng = new Rng(seed).fork('evaluation-questionnaires');
  const indicators = questionnaireIndicators();
  const out: DemoResponses = { period: [], areaId: [], group: [], indicator: [], respondents: [], score: [] };
  const streetEffect = new Map<number, number>();
  for (const a of city.areas) if (a.level === 'street') streetEffect.set(a.id, rng.normal() * 2.2);
  for (const c of city.areas) {
    if (c.level !== 'community') continue;
    const r = rng.fork(`community-${c.id}`);
    const level = 89 + (streetEffect.get(c.parentId!) ?? 0) + r.normal() * 2.5;
    const trend = r.normal() * 1.1; // points per quarter
    const effect = new Map(indicators.map((i) => [i.code, r.normal() * 2.5]));
    for (let p = 0; p < periods; p++) {
      const shock = r.normal() * 0.8;
      for (const g of GROUPS) {
        const base = g === 'organisation' ? 6 : g === 'elder' ? 40 : 55;
        const n = Math.max(
          g === 'organisation' ? 3 : 12,
          Math.round(base * Math.sqrt(Math.max(c.households, 100) / 1500) * r.range(0.7, 1.3)),
        );
        for (const ind of indicators) {
          if (ind.groups && !ind.groups.includes(g)) continue;
          const mean = level + effect.get(ind.code)! + GROUP_OFFSET[g] + trend * (p - (periods - 1) / 2) + shock;
          const score = Math.min(100, Math.max(40, mean + (r.normal() * 9) / Math.sqrt(n)));
          out.period.push(p);
          out.areaId.push(c.id);
          out.group.push(g);
          out.indicator.push(ind.code);
          out.respondents.push(n);
          out.score.push(Math.round(score * 10) / 10);
        }
      }
    }
  }
  return out;
}

export interface DemoSpecial {
  period: number;
  areaId: number;
  points: number;
  reason: string;
}

const BONUSES = [
  '获评省级文明社区',
  '街道服务管理创新实验成效突出',
  '“为民办实事”项目群众评价优秀',
  '社会组织承接服务获评优秀',
];
const PENALTIES = ['发生一般安全生产责任事故', '信访积案未按期化解', '反向问题清单整改逾期'];

/** One bonus per quarter for about one street in five, and a penalty now and then. */
export function generateSpecials(city: City, seed: number, periods: number): DemoSpecial[] {
  const rng = new Rng(seed).fork('evaluation-specials');
  const streets = city.areas.filter((a) => a.level === 'street');
  const out: DemoSpecial[] = [];
  for (let p = 0; p < periods; p++) {
    for (const s of streets) {
      if (rng.chance(0.2)) out.push({ period: p, areaId: s.id, points: rng.int(1, 3), reason: rng.pick(BONUSES) });
      else if (rng.chance(0.08))
        out.push({ period: p, areaId: s.id, points: -rng.int(1, 2), reason: rng.pick(PENALTIES) });
    }
  }
  return out;
}
