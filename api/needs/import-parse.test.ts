// Reading import files: encoding detection, CSV records with their starting lines, header mapping, row checks.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { needBit } from '../../contract/needs.js';
import { m } from '../../contract/messages/index.js';
import { decodeText, isRowError, mapHeader, parseCsv, parseRow, readCsv } from './import-parse.js';

describe('decodeText', () => {
  it('detects UTF-8 with and without BOM, UTF-16LE and GBK', () => {
    expect(decodeText(Buffer.from('\uFEFF老年人', 'utf8'))).toEqual({ text: '老年人', encoding: 'utf-8-bom' });
    expect(decodeText(Buffer.from('老年人', 'utf8'))).toEqual({ text: '老年人', encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('老年人', 'utf16le')]))).toEqual({
      text: '老年人',
      encoding: 'utf-16le',
    });
    expect(decodeText(iconv.encode('月份,人群\n2026-01,老年人', 'gbk'))).toEqual({
      text: '月份,人群\n2026-01,老年人',
      encoding: 'gbk',
    });
  });
});

describe('parseCsv', () => {
  it('keeps the line each record starts on, across quoted line breaks, CRLF and blank lines', () => {
    const rows = parseCsv('a,b\r\n"x\ny",2\r\n\r\n"say ""hi""",3\nlast,4');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', '2'] },
      { line: 5, cells: ['say "hi"', '3'] },
      { line: 6, cells: ['last', '4'] },
    ]);
  });
  it('reads a header and rows from bytes', () => {
    const t = readCsv(Buffer.from('\uFEFFmonth,needs\n2026-01,medical\n'));
    expect(t.header).toEqual(['month', 'needs']);
    expect(t.rows).toEqual([{ line: 2, cells: ['2026-01', 'medical'] }]);
  });
});

describe('mapHeader', () => {
  it('takes English keys, Chinese titles and bilingual titles; names missing and unknown columns', () => {
    expect(mapHeader(['month', '网格编码', 'group 人群', '渠道(channel)', 'needs']).missing).toEqual([]);
    const bad = mapHeader(['month', 'grid', 'group', 'needs']);
    expect(bad.missing).toEqual(['grid_code', 'channel']);
    expect(bad.unknown).toEqual(['grid']);
  });
});

describe('parseRow', () => {
  const { index } = mapHeader(['month', 'grid_code', 'building_address', 'group', 'channel', 'weight', 'needs']);
  const row = (cells: string[]) => parseRow(cells, index, 7);
  it('accepts codes or Chinese names, several separators, and month spellings', () => {
    const r = row(['2026年3月', '310106001001001', '', '老年人', '纸质', '', '医疗咨询服务、elder_canteen;parcel']);
    expect(isRowError(r)).toBe(false);
    expect(r).toMatchObject({
      month: '2026-03-01',
      group: 'elder',
      channel: 'paper',
      weight: 1,
      needs: (1 << needBit('medical')) | (1 << needBit('elder_canteen')) | (1 << needBit('parcel')),
    });
    expect(row(['2026/11/15', '310106001001001', '', 'young_adult', 'electronic', '2.5', ''])).toMatchObject({
      month: '2026-11-01',
      weight: 2.5,
      needs: 0,
    });
  });
  it('gives the line, the column and the reason of a bad row', () => {
    expect(row(['2026-00', '310106001001001', '', 'elder', 'paper', '', ''])).toMatchObject({
      line: 7,
      column: 'month',
    });
    expect(row(['2026-01', '3101', '', 'elder', 'paper', '', ''])).toMatchObject({ column: 'grid_code' });
    expect(row(['2026-01', '310106001001001', '', 'aliens', 'paper', '', ''])).toMatchObject({ column: 'group' });
    expect(row(['2026-01', '310106001001001', '', 'elder', 'pigeon', '', ''])).toMatchObject({ column: 'channel' });
    expect(row(['2026-01', '310106001001001', '', 'elder', 'paper', '0', ''])).toMatchObject({ column: 'weight' });
    expect(row(['2026-01', '310106001001001', '', 'elder', 'paper', '', 'medical;spa'])).toMatchObject({
      column: 'needs',
      reason: m('needs.itemUnknown', { value: 'spa' }),
    });
  });
});
