// The grid-worker roster import (网格员花名册): a CSV/XLSX of name, phone and grids, checked into a report, then
// accepted (grid workers, their grids and accounts with one-time passwords) or cancelled.
import { z } from 'zod';
import { DbIdText } from './ids.js';
import { NoteFields } from './messages/note-fields.js';

/** Column keys, and the titles (Chinese or English, any case) that name them in a header. */
export const ROSTER_COLUMNS = ['name', 'phone', 'grids'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export const ROSTER_TITLES: Record<string, RosterColumn> = {
  name: 'name',
  姓名: 'name',
  网格员: 'name',
  phone: 'phone',
  mobile: 'phone',
  手机: 'phone',
  手机号: 'phone',
  手机号码: 'phone',
  电话: 'phone',
  grid: 'grids',
  grids: 'grids',
  网格: 'grids',
  所属网格: 'grids',
};
export const ROSTER_MAX_ROWS = 20_000;
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;

export const RosterGrid = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export type RosterGrid = z.infer<typeof RosterGrid>;

export const RosterRow = z.object({
  line: z.number().int(),
  name: z.string(),
  phone: z.string(),
  grids: z.array(RosterGrid),
  /** The grid worker this row updates (same phone), or null for a new one. */
  workerId: z.number().int().nullable(),
});
export type RosterRow = z.infer<typeof RosterRow>;

export const RosterRefusal = z.object({ line: z.number().int(), reason: z.string(), ...NoteFields });
export type RosterRefusal = z.infer<typeof RosterRefusal>;

export const RosterReport = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: z.enum(['pending', 'accepted', 'cancelled']),
  rows: z.array(RosterRow),
  refused: z.array(RosterRefusal),
  counts: z.object({ insert: z.number().int(), update: z.number().int(), refused: z.number().int() }),
  acceptable: z.boolean(),
});
export type RosterReport = z.infer<typeof RosterReport>;

export const RosterPassword = z.object({
  line: z.number().int(),
  name: z.string(),
  phone: z.string(),
  username: z.string(),
  password: z.string(),
});

/** The accept answer: the one-time passwords of the accounts it created, shown once and never stored in clear. */
export const RosterAccepted = RosterReport.extend({
  passwords: z.array(RosterPassword),
  /** The same passwords as a CSV (UTF-8 with BOM) for the admin to download once. */
  passwordsCsv: z.string(),
});
export type RosterAccepted = z.infer<typeof RosterAccepted>;

export const RosterImportId = z.object({ id: DbIdText });
