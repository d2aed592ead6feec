// Population import rows: header mapping (English keys or Chinese titles) and row-by-row validation of residents
// (building id, household, age, sex, five special-group flags). Files are read by the survey import's readers.
import {
  POPULATION_COLUMN_TITLES, POPULATION_FLAG_BITS, POPULATION_IMPORT_COLUMNS, POPULATION_IMPORT_REQUIRED,
  type PopulationImportColumn, type PopulationImportRowError,
} from '../../contract/population.js';

export type ColumnIndex = Partial<Record<PopulationImportColumn, number>>;

const ALIASES: Record<string, PopulationImportColumn> = {
  ...Object.fromEntries(Object.entries(POPULATION_COLUMN_TITLES).map(([k, v]) => [v, k as PopulationImportColumn])),
  楼栋id: 'building_id', 楼栋号: 'building_id', building: 'building_id', 地址: 'address', 户: 'household', household_no: 'household',
  低保户: 'low_income', 特困人员: 'extreme_poverty', 残疾人: 'disabled', 独居: 'elder_alone',
};

/** Column index of every known column, or the header's problems (missing required and unknown columns). */
export function mapPopulationHeader(header: string[]): { index: ColumnIndex; missing: string[]; unknown: string[] } {
  const index: ColumnIndex = {};
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const raw = h.replace(/^\uFEFF/, '').trim();
    if (!raw) return;
    // 'age 年龄' / '年龄(age)' titles: any known word in the title names the column
    const words = raw.toLowerCase().split(/[\s()（）/]+/).filter(Boolean);
    const key = words.map((w) => ((POPULATION_IMPORT_COLUMNS as readonly string[]).includes(w) ? (w as PopulationImportColumn) : ALIASES[w])).find(Boolean);
    if (key && index[key] === undefined) index[key] = i;
    else unknown.push(raw);
  });
  const missing = POPULATION_IMPORT_REQUIRED.filter((c) => index[c] === undefined);
  return { index, missing, unknown };
}

export interface ResidentRow {
  line: number;
  buildingId: number;
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
export function parseResidentRow(cells: string[], index: ColumnIndex, line: number): ResidentRow | PopulationImportRowError {
  const get = (k: PopulationImportColumn) => (index[k] === undefined ? '' : (cells[index[k]!] ?? '').trim());
  const b = wholeNumber(get('building_id'));
  if (b === null || b < 1 || b > 2_147_483_647) return { line, column: 'building_id', reason: `楼栋编号「${get('building_id')}」应为正整数 / building_id must be a positive whole number` };
  const household = wholeNumber(get('household'));
  if (household === null || household < 1 || household > 100_000) return { line, column: 'household', reason: `户号「${get('household')}」应为 1–100000 的整数 / household must be a whole number from 1 to 100000` };
  const age = wholeNumber(get('age'));
  if (age === null || age > 120) return { line, column: 'age', reason: `年龄「${get('age')}」应为 0–120 的整数 / age must be a whole number from 0 to 120` };
  const sex = SEX[get('sex').toLowerCase()];
  if (!sex) return { line, column: 'sex', reason: `性别「${get('sex')}」应为 男/女 或 M/F / sex must be 男/女 or M/F` };
  let flags = 0;
  for (const c of FLAG_COLUMNS) {
    const v = get(c).toLowerCase();
    if (YES.has(v)) flags |= POPULATION_FLAG_BITS[c];
    else if (!NO.has(v)) return { line, column: c, reason: `${POPULATION_COLUMN_TITLES[c]}「${get(c)}」应为 是/否、1/0 或 Y/N / ${c} must be 是/否, 1/0 or Y/N` };
  }
  if (flags & POPULATION_FLAG_BITS.child_difficulty && age >= 18) return { line, column: 'child_difficulty', reason: `困境儿童应未满 18 岁（年龄 ${age}） / a child in difficulty is under 18 (age ${age})` };
  if (flags & POPULATION_FLAG_BITS.elder_alone && age < 60) return { line, column: 'elder_alone', reason: `独居老人应满 60 岁（年龄 ${age}） / an elder living alone is 60 or over (age ${age})` };
  return { line, buildingId: b, address: get('address') || null, household, age, sex, flags };
}

export const isResidentError = (r: ResidentRow | PopulationImportRowError): r is PopulationImportRowError => 'reason' in r;
