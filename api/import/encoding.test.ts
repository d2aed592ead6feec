// A .dbf's encoding from its .cpg and its bytes: the .cpg is believed only when the table agrees with it.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { dbf } from '../../tests/fixtures/import/build.js';
import { chooseDbfEncoding, readsAsChinese, unLatin1 } from './encoding.js';

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
