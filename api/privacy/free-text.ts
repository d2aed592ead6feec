// Who reads free text as written. The staff who handle orders at the center (admin, operator, dispatcher)
// read it raw inside their scope, and so does whoever wrote it (the grid worker who reported the order,
// the planner who wrote a triage note); everyone else — planners, supervisors, other grid workers — reads
// it through maskText. A wall is a screen in a room, whoever is signed in on it, and a report is a
// document handed on: the `wall` and `document` views are always masked. Anonymous readers (Open311) never get free text at all, only a staff-published public text.
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

/** Whether this reader sees text written by `authorId` unmasked. */
export function readsRawText(reader: TextReader, authorId: number | null, view: TextView = 'console'): boolean {
  if (view !== 'console') return false;
  return RAW_TEXT_ROLES.includes(reader.role) || (authorId !== null && authorId === reader.id);
}

/** The text as this reader may see it. */
export function textFor(reader: TextReader, authorId: number | null, text: string, view: TextView = 'console'): string {
  return readsRawText(reader, authorId, view) ? text : maskText(text);
}
