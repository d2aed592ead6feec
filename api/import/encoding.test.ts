// A .dbf's encoding from its .cpg and its bytes: the .cpg is believed only when the table agrees with it.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { chooseDbfEncoding, readsAsChinese, unLatin1 } from './encoding.js';

/** A dBASE III table of character fields, text in `encoding`, padded with spaces (names with NULs). */
function dbf(rows: Record<string, string>[], encoding: string): Buffer {
  const names = Object.keys(rows[0]);
  const enc = (s: string) => iconv.encode(s, encoding);
  const lens = names.map((n) => Math.max(1, ...rows.map((r) => enc(r[n]).length)));
  const headerLen = 32 + 32 * names.length + 1;
  const recordLen = 1 + lens.reduce((a, b) => a + b, 0);
  const buf = Buffer.alloc(headerLen + recordLen * rows.length + 1, 0);
  buf[0] = 0x03;
  buf.writeUInt32LE(rows.length, 4);
  buf.writeUInt16LE(headerLen, 8);
  buf.writeUInt16LE(recordLen, 10);
  names.forEach((n, i) => {
    enc(n).copy(buf, 32 + 32 * i, 0, 10);
    buf[32 + 32 * i + 11] = 0x43;
    buf[32 + 32 * i + 16] = lens[i];
  });
  buf[headerLen - 1] = 0x0d;
  rows.forEach((r, k) => {
    let o = headerLen + recordLen * k;
    buf[o++] = 0x20;
    names.forEach((n, i) => {
      const cell = Buffer.alloc(lens[i], 0x20);
      enc(r[n]).copy(cell);
      cell.copy(buf, o);
      o += lens[i];
    });
  });
  buf[buf.length - 1] = 0x1a;
  return buf;
}

const rows = [{ 名称: '湖南路街道', 编码: '320106001000' }];
const keyOf = (c: ReturnType<typeof chooseDbfEncoding>) => c.note?.message.key;

describe('chooseDbfEncoding', () => {
  it('believes a .cpg the table agrees with', () => {
    expect(chooseDbfEncoding(dbf(rows, 'utf-8'), 'UTF-8')).toMatchObject({ encoding: 'utf-8' });
    const gbk = chooseDbfEncoding(dbf(rows, 'gbk'), 'GBK');
    expect([gbk.encoding, keyOf(gbk)]).toEqual(['gb18030', 'import.read.encodingCpg']);
  });

  it('reads GBK under a UTF-8 or Latin-1 .cpg as GB18030, and GBK without a .cpg', () => {
    expect(keyOf(chooseDbfEncoding(dbf(rows, 'gbk'), 'UTF-8'))).toBe('import.read.encodingCpgNotUtf8');
    expect(chooseDbfEncoding(dbf(rows, 'gbk'), 'UTF-8').encoding).toBe('gb18030');
    expect(chooseDbfEncoding(dbf(rows, 'gbk'), '1252').encoding).toBe('gb18030');
    expect(chooseDbfEncoding(dbf(rows, 'gbk'), null).encoding).toBe('gb18030');
    expect(chooseDbfEncoding(dbf(rows, 'utf-8'), null).encoding).toBe('utf-8');
  });

  it('repairs Chinese once read as Latin-1 and saved as UTF-8, value by value', () => {
    const garbled = iconv.decode(iconv.encode('湖南路街道', 'gbk'), 'windows-1252');
    const c = chooseDbfEncoding(dbf([{ 名称: garbled, 编码: '1' }], 'utf-8'), 'UTF-8');
    expect(keyOf(c)).toBe('import.read.encodingLatin1Repaired');
    expect(c.repair({ 名称: garbled, 编码: '1', n: 3 })).toEqual({ 名称: '湖南路街道', 编码: '1', n: 3 });
  });

  it('leaves European Latin-1 text and plain Chinese alone', () => {
    expect(unLatin1('Müller Straße')).toBeNull();
    expect(unLatin1('湖南路')).toBeNull();
    expect(unLatin1('abc')).toBeNull();
    expect(readsAsChinese('湖南路 1 号')).toBe(true);
    expect(readsAsChinese('caf\u00e9')).toBe(false);
    const europe = chooseDbfEncoding(dbf([{ name: 'Café Müller' }], 'windows-1252'), '1252');
    expect(europe.encoding).toBe('windows-1252');
  });
});
