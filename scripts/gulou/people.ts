// People: anonymous residents for the population import (one row a person, keyed by the building's address),
// and a grid-worker roster (姓名, 手机号, 网格) of one worker per grid once the grids exist.
import { POPULATION_COLUMN_TITLES as T } from '../../contract/population.js';
import { personName } from '../../geodata/city/names.js';
import type { Rng } from '../../geodata/city/rng.js';
import type { Building } from './buildings.js';

export const RESIDENT_HEADER = [
  T.address,
  T.household,
  T.age,
  T.sex,
  T.low_income,
  T.extreme_poverty,
  T.disabled,
  T.child_difficulty,
  T.elder_alone,
];

const yn = (b: boolean) => (b ? '是' : '');

export const RESIDENT_ROWS_PER_FILE = 250_000;

interface Person {
  age: number;
  sex: '男' | '女';
}

/** One household's members: elders (alone or as a couple), young adults, or a family with children. */
function household(rng: Rng): Person[] {
  const sex = (): '男' | '女' => (rng.chance(0.49) ? '男' : '女');
  const r = rng.next();
  if (r < 0.3) {
    const n = rng.chance(0.45) ? 1 : 2;
    return Array.from({ length: n }, () => ({ age: rng.int(60, 96), sex: sex() }));
  }
  if (r < 0.55) {
    const n = rng.chance(0.55) ? 1 : 2;
    return Array.from({ length: n }, () => ({ age: rng.int(20, 59), sex: sex() }));
  }
  const parent = rng.int(28, 55);
  const people: Person[] = [
    { age: parent, sex: '男' },
    { age: Math.max(22, parent + rng.int(-4, 3)), sex: '女' },
  ];
  const kids = rng.chance(0.6) ? 1 : rng.chance(0.3) ? 2 : 0;
  for (let k = 0; k < kids; k++) people.push({ age: Math.max(0, Math.min(17, parent - rng.int(22, 36))), sex: sex() });
  if (rng.chance(0.2)) people.push({ age: rng.int(62, 90), sex: sex() });
  return people.slice(0, rng.chance(0.5) ? people.length : Math.max(1, people.length - 1));
}

/**
 * Residents as CSV files of at most `perFile` rows (each with the header, a household never split between two),
 * household numbers as room numbers (floor × 100 + door).
 */
export function residentsCsv(buildings: Building[], rng: Rng, perFile: number): string[] {
  const files: string[] = [];
  let lines = [RESIDENT_HEADER.join(',')];
  for (const b of buildings) {
    if (!b.households) continue;
    const perFloor = Math.max(1, Math.ceil(b.households / b.levels));
    for (let h = 0; h < b.households; h++) {
      const room = (Math.floor(h / perFloor) + 1) * 100 + (h % perFloor) + 1;
      const members = household(rng);
      if (lines.length - 1 + members.length > perFile) {
        files.push(lines.join('\n') + '\n');
        lines = [RESIDENT_HEADER.join(',')];
      }
      const poor = rng.chance(0.02);
      const extreme = poor && rng.chance(0.15);
      for (const p of members) {
        const alone = members.length === 1 && p.age >= 60 && rng.chance(0.8);
        const child = p.age < 18 && rng.chance(0.03);
        lines.push(
          [b.address, room, p.age, p.sex, yn(poor), yn(extreme), yn(rng.chance(0.03)), yn(child), yn(alone)].join(','),
        );
      }
    }
  }
  files.push(lines.join('\n') + '\n');
  return files;
}

export interface GridRef {
  code: string;
  name: string;
}

/** Mobile prefixes after the leading 1 (China Mobile, Unicom, Telecom). */
const PREFIXES = ['33', '35', '36', '37', '38', '39', '51', '52', '58', '59', '77', '80', '86', '89'];

/** One worker per grid: a generated name and a mobile number, the grid by its code. */
export function rosterCsv(grids: GridRef[], rng: Rng): string {
  const phones = new Set<string>();
  const lines = ['姓名,手机号,网格'];
  for (const g of grids) {
    const draw = () => `1${rng.pick(PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    let phone = draw();
    while (phones.has(phone)) phone = draw();
    phones.add(phone);
    lines.push(`${personName(rng)},${phone},${g.code}`);
  }
  return lines.join('\n') + '\n';
}
