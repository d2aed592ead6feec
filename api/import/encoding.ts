// Which encoding a Shapefile's .dbf text is in. The .cpg is only a claim: a GBK table under a .cpg that says
// UTF-8 is common (and so is one read as Latin-1). The table's bytes are checked under the claimed encoding
// (invalid UTF-8, Chinese read as Latin-1, Latin-1 mojibake stored as UTF-8) and GB18030 is tried instead; the
// choice and its reason travel with the layer, to be stated in the report.
import iconv from 'iconv-lite';
import { m, type Message } from '../../contract/messages/index.js';

/** Maps a .cpg's code page to a TextDecoder label. */
export function encodingFromCpg(cpg: string): string {
  const c = cpg
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (/^(gbk|gb2312|cp936|936|ansi936|gb18030|windows936)$/.test(c)) return 'gb18030';
  if (/^(utf8|65001)$/.test(c)) return 'utf-8';
  if (/^(big5|950|cp950)$/.test(c)) return 'big5';
  if (/^(1252|cp1252|windows1252|latin1|iso88591|88591)$/.test(c)) return 'windows-1252';
  return 'utf-8';
}

/** The .dbf's text: field names and records, without the binary header. */
function textBytes(dbf: Uint8Array): Uint8Array[] {
  if (dbf.length < 32) return [];
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const headerLen = Math.min(view.getUint16(8, true), dbf.length);
  const out: Uint8Array[] = [];
  for (let o = 32; o + 32 <= headerLen && dbf[o] !== 0x0d; o += 32) {
    const end = dbf.subarray(o, o + 11).indexOf(0);
    out.push(dbf.subarray(o, o + (end < 0 ? 11 : end)));
  }
  out.push(dbf.subarray(headerLen, dbf.length));
  return out;
}

/** Whether a .dbf's text (field names and records, not the binary header) is valid UTF-8. */
export function dbfIsUtf8(dbf: Uint8Array): boolean {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    for (const part of textBytes(dbf)) utf8.decode(part);
    return true;
  } catch {
    return false;
  }
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/g;
const NON_ASCII = /[^\t\n\r\u0020-\u007f]/g;

/** Whether text reads as Chinese: it has non-ASCII characters and nearly all of them are CJK. */
export function readsAsChinese(text: string): boolean {
  const wide = text.match(NON_ASCII)?.length ?? 0;
  const cjk = text.match(CJK)?.length ?? 0;
  return wide > 0 && cjk >= 0.9 * wide && !text.includes('\uFFFD');
}

const decodeStrict = (bytes: Uint8Array, label: string): string | null => {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

/** What Windows-1252 makes of the bytes 0x80–0xFF. */
const HIGH =
  '\\u0080-\\u00ff\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013-\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122';

/** Chinese text in GBK bytes, read as Latin-1/Windows-1252 (and perhaps stored again as UTF-8): "ÄÏ¾©" for 南京. */
export function unLatin1(value: string): string | null {
  if (!/[\u0080-\u00ff]/.test(value)) return null;
  if (new RegExp(`[^\\t\\n\\r\\u0020-\\u007f${HIGH}]`).test(value)) return null;
  // Each Chinese character is two bytes, both high: runs of high characters come in pairs ("Müller" does not).
  if ((value.match(new RegExp(`[${HIGH}]+`, 'g')) ?? []).some((run) => run.length % 2 === 1)) return null;
  const back = decodeStrict(iconv.encode(value, 'windows-1252'), 'gb18030');
  return back && readsAsChinese(back) ? back : null;
}

export interface EncodingChoice {
  /** TextDecoder label to read the table with. */
  encoding: string;
  /** Why, for the report. */
  note: { severity: 'info' | 'warning'; message: Message } | null;
  /** Applied to every record's properties (repairs Latin-1 mojibake stored as UTF-8; otherwise unchanged). */
  repair(props: Record<string, unknown>): Record<string, unknown>;
}

const keep = (props: Record<string, unknown>) => props;
/** The parts joined, without control bytes (padding, markers: never part of a UTF-8 or GBK character). */
const concat = (parts: Uint8Array[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => [...p].filter((b) => b >= 0x20)));

/** Chooses the .dbf's encoding from its .cpg (text, or null without one) and its bytes. */
export function chooseDbfEncoding(dbf: Uint8Array, cpgText: string | null): EncodingChoice {
  const text = concat(textBytes(dbf));
  const asGb = decodeStrict(text, 'gb18030');
  const gbChinese = asGb !== null && readsAsChinese(asGb);
  const note = (
    key: Parameters<typeof m>[0],
    params: Record<string, string> = {},
    severity: 'info' | 'warning' = 'info',
  ) => ({
    severity,
    message: m(key, params),
  });
  if (cpgText === null) {
    if (dbfIsUtf8(dbf)) return { encoding: 'utf-8', note: note('import.read.encodingNoCpgUtf8'), repair: keep };
    return { encoding: 'gb18030', note: note('import.read.encodingNoCpgGbk'), repair: keep };
  }
  const cpg = cpgText.split(String.fromCharCode(0)).join('').trim();
  const declared = encodingFromCpg(cpg);
  if (declared === 'utf-8') {
    const utf8 = decodeStrict(text, 'utf-8');
    if (utf8 === null) {
      if (gbChinese)
        return { encoding: 'gb18030', note: note('import.read.encodingCpgNotUtf8', { cpg }), repair: keep };
      return {
        encoding: 'utf-8',
        note: note('import.read.encodingUndecodable', { cpg }, 'warning'),
        repair: keep,
      };
    }
    // Valid UTF-8 that is Chinese read as Latin-1 somewhere upstream and saved again: repaired value by value.
    if (utf8.split(/[\s,;]+/).some((token) => unLatin1(token) !== null)) {
      return {
        encoding: 'utf-8',
        note: note('import.read.encodingLatin1Repaired', { cpg }),
        repair: (props) =>
          Object.fromEntries(
            Object.entries(props).map(([k, v]) => [unLatin1(k) ?? k, typeof v === 'string' ? (unLatin1(v) ?? v) : v]),
          ),
      };
    }
    if (utf8.includes('\uFFFD'))
      return { encoding: 'utf-8', note: note('import.read.encodingReplacement', { cpg }, 'warning'), repair: keep };
    return { encoding: 'utf-8', note: note('import.read.encodingCpg', { cpg, encoding: 'UTF-8' }), repair: keep };
  }
  if (declared === 'windows-1252' && gbChinese)
    return { encoding: 'gb18030', note: note('import.read.encodingCpgLatin1Gbk', { cpg }), repair: keep };
  const shown = declared === 'gb18030' ? 'GBK/GB18030' : declared.toUpperCase();
  return { encoding: declared, note: note('import.read.encodingCpg', { cpg, encoding: shown }), repair: keep };
}
