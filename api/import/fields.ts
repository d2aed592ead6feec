// Which property holds what: the mapping the user gave, else a guess from common column names. A guessed
// code column that holds the parent's code (街道编码 in a community layer, a district adcode in a street
// layer) is read as the parent instead.
import type { AreaLevel } from '../../contract/areas.js';
import { m } from '../../contract/messages/index.js';
import { Invalid } from '../http/errors.js';
import { type AddProblem, levelName } from './items.js';
import { codeForms } from './codes.js';

const GUESS = {
  name: [/^(name|名称|名字|mc|xzqmc|jdmc|sqmc|wgmc)$/i, /名称|name/i],
  code: [/^(code|编码|代码|区划代码|行政区划代码|dm|bm|xzqdm|jddm|sqdm|wgbm|wgdm)$/i, /编码|代码|code/i],
  parent: [
    /^(parent|parent_code|parentcode|上级|上级编码|上级代码|上级名称|所属街道|所属社区|所属|pcode)$/i,
    /上级|所属|parent/i,
  ],
  households: [/^(households|hh|户数|总户数|hs)$/i, /户数|household/i],
} as const;

/** Column names that speak of an area of this level (a code column so named holds that level's code). */
const NAMES_LEVEL: Record<AreaLevel, RegExp> = {
  district: /区县|县区|district|county|adcode|qxdm|^区/i,
  street: /街道|乡镇|street|town|jd/i,
  community: /社区|居委|村委|community|sq/i,
  grid: /网格|grid|wg/i,
  special: /专属|special/i,
};

export const text = (v: unknown): string => (v == null ? '' : String(v)).trim();

function pickField(fields: string[], named: string | undefined, kind: keyof typeof GUESS, skip: string[] = []) {
  if (named) {
    if (!fields.includes(named))
      throw new Invalid(m('import.noProperty', { name: named, fields: fields.join(', ') }), { fields });
    return named;
  }
  for (const re of GUESS[kind]) {
    const f = fields.find((x) => !skip.includes(x) && re.test(x.trim()));
    if (f) return f;
  }
  return null;
}

export interface Fields {
  name: string | null;
  code: string | null;
  parent: string | null;
  /** The parent column holds codes (a guessed code column found to hold the parent's). */
  parentByCode: boolean;
  households: string | null;
}

export interface FieldMapping {
  name?: string;
  code?: string;
  parent?: string;
  households?: string;
}

/**
 * Why a column holds the parent's code rather than each feature's own, or null: its values are codes of
 * existing parents, one value stands on most features, or its name speaks of the parent level.
 */
function holdsParent(
  field: string,
  values: string[],
  names: string[],
  level: AreaLevel,
  parentLevel: AreaLevel,
  parentCodes: Set<string>,
): 'values' | 'same' | 'name' | null {
  const filled = values.filter((v) => v !== '');
  if (filled.length === 0) return null;
  if (filled.filter((v) => codeForms(v).some((c) => parentCodes.has(c))).length * 2 > filled.length) return 'values';
  if (filled.length >= 3) {
    const counts = new Map<string, number>();
    for (const v of filled) counts.set(v, (counts.get(v) ?? 0) + 1);
    const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
    // One area in several parts repeats its code too, but under one name.
    const named = new Set(names.filter((_, i) => values[i] === top));
    if (n >= filled.length * 0.8 && named.size > 1) return 'same';
  }
  if (NAMES_LEVEL[parentLevel].test(field) && !NAMES_LEVEL[level].test(field)) return 'name';
  return null;
}

export function mapFields(
  fields: string[],
  rows: Record<string, unknown>[],
  mapping: FieldMapping,
  level: AreaLevel,
  parentLevel: AreaLevel | null,
  parentCodes: Set<string>,
  problem: AddProblem,
): Fields {
  const name = pickField(fields, mapping.name, 'name');
  let code = pickField(fields, mapping.code, 'code');
  let parent = pickField(fields, mapping.parent, 'parent');
  let parentByCode = false;
  if (!mapping.code && parentLevel) {
    const tried: string[] = [];
    while (code) {
      const column = code;
      const why = holdsParent(
        column,
        rows.map((r) => text(r[column])),
        name ? rows.map((r) => text(r[name])) : [],
        level,
        parentLevel,
        parentCodes,
      );
      if (!why) break;
      tried.push(column);
      if (!parent) {
        parent = column;
        parentByCode = true;
      }
      code = pickField(fields, undefined, 'code', [...tried, ...(parent ? [parent] : [])]);
      problem(
        'info',
        'parent_column',
        null,
        m(`import.codeColumnIsParent.${why}`, {
          field: column,
          parentLevel: levelName(parentLevel),
          level: levelName(level),
          next: code ? m('import.codeColumnNext', { field: code }) : m('import.codeColumnNone'),
        }),
      );
    }
  }
  return { name, code, parent, parentByCode, households: pickField(fields, mapping.households, 'households') };
}
