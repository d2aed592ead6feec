// The one CSV writer of the project: RFC 4180 quoting, CRLF lines, UTF-8 with a byte-order mark (so that
// spreadsheet programs read the Chinese), and every text cell that a spreadsheet would run as a formula
// (starting with = + - @, a tab or a carriage return) neutralised with a leading apostrophe and quoted.
// Numbers stay numbers: a number, or text that is only a number ("-1.5", "+86"), is written as it is.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  const s = v instanceof Date ? v.toISOString() : String(v);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text: CRLF after every line, with a byte-order mark unless `bom` is false. */
export function csvText(rows: readonly (readonly unknown[])[], opts: { bom?: boolean } = {}): string {
  return (opts.bom === false ? '' : '\uFEFF') + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The same as UTF-8 bytes. */
export const csvBytes = (rows: readonly (readonly unknown[])[]): Buffer => Buffer.from(csvText(rows), 'utf8');
