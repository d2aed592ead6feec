// Area codes as they are published: district adcodes of 6 digits (320106), streets of 9 (320106001),
// communities of 12 (320106001001), districts and streets also in their 12-digit zero-padded forms; grids and
// special grids of 15 (their community's code and 3 digits). Checks, matches to stored areas, and the next
// free code for areas that come without one.
import type { AreaLevel } from '../../contract/areas.js';
import { m } from '../../contract/messages/index.js';
import type { Queryable } from '../db/index.js';
import { type AddProblem, type Item, levelName } from './items.js';
import * as sql from './queries.js';

export const CODE_LENGTHS: Record<AreaLevel, number[]> = {
  district: [6, 12],
  street: [9, 12],
  community: [12],
  grid: [15],
  special: [15],
};

/** A parent key that looks like a code rather than a name. */
export const looksLikeCode = (s: string): boolean => /^(\d{6}|\d{9}|\d{12}|\d{15})$/.test(s);

/** The forms one code may be written in: 320106 ⇄ 320106000000, 320106001 ⇄ 320106001000. */
export function codeForms(code: string): string[] {
  const out = [code];
  if (/^\d{6}$/.test(code) || /^\d{9}$/.test(code)) out.push(code.padEnd(12, '0'));
  if (/^\d{6}000000$/.test(code)) out.push(code.slice(0, 6));
  else if (/^\d{9}000$/.test(code)) out.push(code.slice(0, 9));
  return out;
}

export function validCode(level: AreaLevel, code: string): boolean {
  return /^\d+$/.test(code) && CODE_LENGTHS[level].includes(code.length);
}

/** Codes repeated in the file (after parts of one area were merged), bad lengths, and matches to stored areas. */
export async function checkCodes(
  q: Queryable,
  level: AreaLevel,
  items: Item[],
  scoped: (path: string) => boolean,
  problem: AddProblem,
): Promise<Set<string>> {
  const whole = items.filter((i) => i.partOf === null);
  const codeCounts = new Map<string, number>();
  for (const it of whole) if (it.code) codeCounts.set(it.code, (codeCounts.get(it.code) ?? 0) + 1);
  for (const [code, n] of codeCounts) {
    if (n < 2) continue;
    for (const it of whole.filter((x) => x.code === code)) {
      problem('error', 'duplicate_code', it.index, m('import.codeRepeated', { code, n }));
      it.blocked = true;
    }
  }
  const stored = await sql.existingByCode(q, [...new Set([...codeCounts.keys()].flatMap(codeForms))]);
  const existing = new Map(stored.map((a) => [a.code, a]));
  for (const it of whole) {
    if (!it.code) continue;
    if (!validCode(level, it.code)) {
      problem(
        'error',
        'bad_code',
        it.index,
        m('import.badCode', { name: it.name, code: it.code, digits: CODE_LENGTHS[level].join('/') }),
      );
      it.blocked = true;
      continue;
    }
    const ex = codeForms(it.code)
      .map((c) => existing.get(c))
      .find((a) => a !== undefined);
    if (!ex) continue;
    if (ex.level !== level || !scoped(ex.path)) {
      problem(
        'error',
        'duplicate_code',
        it.index,
        m('import.codeTaken', { code: it.code, level: levelName(ex.level), name: ex.name }),
      );
      it.blocked = true;
    } else if (it.parentId !== null && ex.parentId !== it.parentId) {
      problem('error', 'parent_changed', it.index, m('import.parentChanged', { name: ex.name, code: it.code }));
      it.blocked = true;
    } else {
      it.existingId = ex.id;
      it.code = ex.code; // the stored form: 320106 updates 320106000000
    }
  }
  return new Set([...codeCounts.keys()].flatMap(codeForms));
}

/**
 * New areas without a code get the next free one under their parent: street = district[0..6] + nnn + 000,
 * community = street[0..9] + nnn, grid = community + nnn.
 */
export async function generateCodes(
  q: Queryable,
  level: AreaLevel,
  items: Item[],
  parentById: Map<number, sql.ScopeArea>,
  inFile: Set<string>,
  problem: AddProblem,
): Promise<void> {
  const missing = items.filter((i) => !i.blocked && i.partOf === null && !i.code && i.parentId !== null);
  if (!missing.length) return;
  const taken = new Set([
    ...(await sql.childCodes(q, [...new Set(missing.map((i) => i.parentId!))])).flatMap((c) => codeForms(c.code)),
    ...inFile,
  ]);
  for (const it of missing) {
    const p = parentById.get(it.parentId!)!;
    const make = (n: number) =>
      level === 'street'
        ? `${p.code.slice(0, 6)}${String(n).padStart(3, '0')}000`
        : level === 'community'
          ? `${p.code.slice(0, 9)}${String(n).padStart(3, '0')}`
          : `${p.code.padEnd(12, '0')}${String(n).padStart(3, '0')}`;
    let n = 1;
    while (n < 1000 && taken.has(make(n))) n++;
    if (n >= 1000) {
      problem('error', 'bad_code', it.index, m('import.noFreeCode', { name: p.name }));
      it.blocked = true;
      continue;
    }
    it.code = make(n);
    taken.add(it.code);
    problem('info', 'generated_code', it.index, m('import.codeGenerated', { name: it.name, code: it.code }));
  }
}
