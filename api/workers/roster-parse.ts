// Roster rows: the header (Chinese or English titles), phones normalised to 11 mobile digits, and grid references
// (grid codes or "社区/网格" names, several separated by 、 , ; ，；) resolved against the grids the database holds.
import { ROSTER_COLUMNS, ROSTER_TITLES, type RosterColumn, type RosterGrid } from '../../contract/roster.js';
import { m, type Message } from '../../contract/messages/index.js';
import { mapTitledHeader, type HeaderMap } from '../needs/import-parse.js';

export type RosterIndex = Partial<Record<RosterColumn, number>>;

export function mapRosterHeader(header: string[]): HeaderMap<RosterIndex> {
  return mapTitledHeader(header, ROSTER_TITLES, ROSTER_COLUMNS);
}

/** Full-width digits and letters to half width; other characters as they are. */
export function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** An 11-digit mainland mobile number from what a sheet holds (spaces, dashes, +86), or null. */
export function normalisePhone(raw: string): string | null {
  const digits = halfWidth(raw)
    .replace(/[\s\-().]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function splitGrids(raw: string): string[] {
  return halfWidth(raw)
    .split(/[、,;，；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface GridEntry extends RosterGrid {
  path: string;
  community: string;
}

/** Finds grids by code, by "社区/网格" (or "社区 网格") names, or by a grid name no other grid bears. */
export class GridDirectory {
  private byCode = new Map<string, GridEntry>();
  private byPair = new Map<string, GridEntry>();
  private byName = new Map<string, GridEntry[]>();
  constructor(grids: GridEntry[]) {
    for (const g of grids) {
      this.byCode.set(g.code, g);
      this.byPair.set(`${g.community}/${g.name}`, g);
      this.byName.set(g.name, [...(this.byName.get(g.name) ?? []), g]);
    }
  }
  find(ref: string): GridEntry | null {
    const code = this.byCode.get(ref);
    if (code) return code;
    const pair = ref.split(/\s*[/／]\s*/);
    if (pair.length === 2) return this.byPair.get(`${pair[0]}/${pair[1]}`) ?? null;
    const named = this.byName.get(ref);
    return named?.length === 1 ? named[0] : null;
  }
}

export interface ParsedRosterRow {
  line: number;
  name: string;
  phone: string;
  grids: GridEntry[];
}

/** One row checked: its name, phone and grids in `scopePath`, or the first reason it is refused. */
export function parseRosterRow(
  cells: string[],
  index: RosterIndex,
  line: number,
  grids: GridDirectory,
  scopePath: string,
): ParsedRosterRow | { line: number; reason: Message } {
  const cell = (c: RosterColumn) => (index[c] === undefined ? '' : (cells[index[c]] ?? '').trim());
  const name = halfWidth(cell('name')).trim();
  if (!name) return { line, reason: m('roster.noName', { line }) };
  const phone = normalisePhone(cell('phone'));
  if (!phone) return { line, reason: m('roster.badPhone', { line, phone: cell('phone') }) };
  const refs = splitGrids(cell('grids'));
  if (!refs.length) return { line, reason: m('roster.noGrid', { line }) };
  const found: GridEntry[] = [];
  for (const ref of refs) {
    const g = grids.find(ref);
    if (!g) return { line, reason: m('roster.unknownGrid', { line, grid: ref }) };
    if (!g.path.startsWith(scopePath)) return { line, reason: m('roster.gridOutOfScope', { line, grid: ref }) };
    if (!found.some((f) => f.id === g.id)) found.push(g);
  }
  return { line, name, phone, grids: found };
}
