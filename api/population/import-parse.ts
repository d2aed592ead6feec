// Population import rows: header mapping (English keys or Chinese titles) and row-by-row validation of residents
// (building id, household, age, sex, five special-group flags). Files are read by the survey import's readers.
import {
  POPULATION_COLUMN_TITLES,
  POPULATION_FLAG_BITS,
  POPULATION_IMPORT_COLUMNS,
  POPULATION_IMPORT_REQUIRED,
  type PopulationImportColumn,
  type PopulationImportRowError,
} from '../../contract/population.js';
import { m } from '../../contract/messages/index.js';
import type { Said } from '../../contract/messages/speak.js';

export type ColumnIndex = Partial<Record<PopulationImportColumn, number>>;

const ALIASES: Record<string, PopulationImportColumn> = {
  ...Object.fromEntries(Object.entries(POPULATION_COLUMN_TITLES).map(([k, v]) => [v, k as PopulationImportColumn])),
  楼栋id: 'building_id',
  楼栋号: 'building_id',
  building: 'building_id',
  地址: 'address',
  户: 'household',
  household_no: 'household',
  低保户: 'low_income',
  特困人员: 'extreme_poverty',
  残疾人: 'disabled',
  独居: 'elder_alone',
};

/** Column index of every known column, or the header's problems (missing required and unknown columns). */
export function mapPopulationHeader(header: string[]): { index: ColumnIndex; missing: string[]; unknown: string[] } {
  const index: ColumnIndex = {};
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const raw = h.replace(/^\uFEFF/, '').trim();
    if (!raw) return;
    // 'age 年龄' / '年龄(age)' titles: any known word in the title names the column
    const words = raw
      .toLowerCase()
      .split(/[\s()（）/]+/)
      .filter(Boolean);
    const key = words
      .map((w) =>
        (POPULATION_IMPORT_COLUMNS as readonly string[]).includes(w) ? (w as PopulationImportColumn) : ALIASES[w],
      )
      .find(Boolean);
    if (key && index[key] === undefined) index[key] = i;
    else unknown.push(raw);
  });
  // A building id, or else an address to find the building by.
  const missing = POPULATION_IMPORT_REQUIRED.filter(
    (c) => index[c] === undefined && !(c === 'building_id' && index.address !== undefined),
  );
  return { index, missing, unknown };
}

export interface ResidentRow {
  line: number;
  /** null: the file gives no building id but an address, matched to a building later (import-address.ts). */
  buildingId: number | null;
  /** The address written in the file, checked against the building's; null when the column is absent or blank. */
  address: string | null;
  household: number;
  age: number;
  sex: 1 | 2;
  flags: number;
}

const SEX: Record<string, 1 | 2> = { 男: 1, m: 1, male: 1, 女: 2, f: 2, female: 2 };
const YES = new Set(['是', '1', 'y', 'yes', 'true', '√', '✓']);
const NO = new Set(['否', '0', 'n', 'no', 'false', '']);
const FLAG_COLUMNS = Object.keys(POPULATION_FLAG_BITS) as (keyof typeof POPULATION_FLAG_BITS)[];

/** A whole number written plainly ("67", or "67.0" as a spreadsheet may store it), else null. */
function wholeNumber(s: string): number | null {
  if (!/^\d+(\.0+)?$/.test(s)) return null;
  return Number(s);
}

/** One data row to a resident, or the reason it is refused. Buildings are checked against the database later. */
/** A refused row as this module builds it: its reason a message, spoken at the edge. */
export type RowRefusal = Said<PopulationImportRowError, 'reason'>;

export function parseResidentRow(cells: string[], index: ColumnIndex, line: number): ResidentRow | RowRefusal {
  const get = (k: PopulationImportColumn) => (index[k] === undefined ? '' : (cells[index[k]!] ?? '').trim());
  const byAddress = !get('building_id') && !!get('address');
  const b = byAddress ? null : wholeNumber(get('building_id'));
  if (!byAddress && (b === null || b < 1 || b > 2_147_483_647))
    return { line, column: 'building_id', reason: m('population.buildingIdInvalid', { value: get('building_id') }) };
  const household = wholeNumber(get('household'));
  if (household === null || household < 1 || household > 100_000)
    return { line, column: 'household', reason: m('population.householdInvalid', { value: get('household') }) };
  const age = wholeNumber(get('age'));
  if (age === null || age > 120)
    return { line, column: 'age', reason: m('population.ageInvalid', { value: get('age') }) };
  const sex = SEX[get('sex').toLowerCase()];
  if (!sex) return { line, column: 'sex', reason: m('population.sexInvalid', { value: get('sex') }) };
  let flags = 0;
  for (const c of FLAG_COLUMNS) {
    const v = get(c).toLowerCase();
    if (YES.has(v)) flags |= POPULATION_FLAG_BITS[c];
    else if (!NO.has(v)) return { line, column: c, reason: m('population.flagInvalid', { column: c, value: get(c) }) };
  }
  if (flags & POPULATION_FLAG_BITS.child_difficulty && age >= 18)
    return { line, column: 'child_difficulty', reason: m('population.childTooOld', { age }) };
  if (flags & POPULATION_FLAG_BITS.elder_alone && age < 60)
    return { line, column: 'elder_alone', reason: m('population.elderTooYoung', { age }) };
  return { line, buildingId: b, address: get('address') || null, household, age, sex, flags };
}

export const isResidentError = (r: ResidentRow | RowRefusal): r is RowRefusal => 'reason' in r;
