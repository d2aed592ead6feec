// Who reads free text as written. The staff who handle orders at the center (admin, operator, dispatcher)
// read it raw inside their scope; so does whoever handles the item on site (a grid worker, for the orders
// of the grids they work: they start and resolve them there) and whoever wrote it (the planner who wrote a
// triage note, the worker who logged a visit). Everyone else — planners, supervisors — reads it through
// maskText. A wall is a screen in a room, whoever is signed in on it, and a report is a document handed on:
// the `wall` and `document` views are always masked. Anonymous readers (Open311) never get free text at
// all, only a staff-published public text.
import type { Role } from '../../contract/auth.js';
import { maskText } from './mask-text.js';

export const RAW_TEXT_ROLES: readonly Role[] = ['admin', 'operator', 'dispatcher'];

/** Where the text is shown, as a client may say: a working console, or a wall (a shared screen). */
export const TEXT_VIEWS = ['console', 'wall'] as const;
/** …and a document that is handed on (a printed or downloaded report): masked like a wall. */
export type TextView = (typeof TEXT_VIEWS)[number] | 'document';

export interface TextReader {
  id: number;
  role: Role;
}

export interface TextContext {
  /** Who wrote it, if known. */
  authorId: number | null;
  /** Whether the reader handles the item on site (a grid worker reading an order of their grid). */
  handler?: boolean;
  view?: TextView;
}

/** Whether this reader sees the text unmasked. */
export function readsRawText(
  reader: TextReader,
  { authorId, handler = false, view = 'console' }: TextContext,
): boolean {
  if (view !== 'console') return false;
  return RAW_TEXT_ROLES.includes(reader.role) || handler || (authorId !== null && authorId === reader.id);
}

/** The text as this reader may see it. */
export function textFor(reader: TextReader, context: TextContext, text: string): string {
  return readsRawText(reader, context) ? text : maskText(text);
}
