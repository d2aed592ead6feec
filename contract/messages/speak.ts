// Notices inside a result (an import problem, a refused row, a job's outcome) are built as Messages and spoken
// at the edge: each becomes its text in the request's language, with `messageKey` and `params` beside it on the
// same object so the web can render it in the language on screen. One message per object.
import { isMessage, renderMessage, type Lang, type Message, type MessageKey, type MessageParam } from './index.js';

/** What a module builds: the wire shape `T` with its text field `F` as a Message (spoken by `speak`). */
export type Said<T, F extends keyof T> = Omit<T, F | 'messageKey' | 'params'> & {
  [K in F]: null extends T[K] ? Message | null : Message;
};

/** The wire shape of a value once spoken: every Message a string, its code and parameters beside it. */
export type Spoken<T> = T extends Message
  ? string
  : T extends Date | string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Spoken<U>[]
      : T extends object
        ? { [K in keyof T]: Spoken<T[K]> } & { messageKey?: MessageKey; params?: Record<string, MessageParam> }
        : T;

/** The value with every Message in it rendered in `lang`; plain text (older stored reports) is left as it is. */
export function speak<T>(value: T, lang: Lang): Spoken<T> {
  return walk(value, lang) as Spoken<T>;
}

// Copy-on-write: an answer holding no Message (most of them, and every large one) is returned as it is, not copied.
function walk(value: unknown, lang: Lang): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    // Coordinate arrays and other plain numbers are most of a large answer: leave them untouched.
    if (value.length === 0 || typeof value[0] === 'number') return value;
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = walk(value[i], lang);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  if (isMessage(value)) return renderMessage(value, lang);
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    if (isMessage(v)) {
      out ??= { ...value };
      out[k] = renderMessage(v, lang);
      out.messageKey = v.key;
      if (v.params !== undefined) out.params = v.params;
    } else {
      const w = walk(v, lang);
      if (w !== v) (out ??= { ...value })[k] = w;
    }
  }
  return out ?? value;
}

/** A Message kept in a text column: stored as JSON, read back as the Message (older rows: their text). */
export function storedMessage(text: string | null): Message | string | null {
  if (text === null || !text.startsWith('{')) return text;
  try {
    const v: unknown = JSON.parse(text);
    return isMessage(v) ? v : text;
  } catch {
    return text;
  }
}
