import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from './csv.js';

describe('csvCell', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvCell('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvCell('+1+1')).toBe(`"'+1+1"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });
  it('leaves numbers, plain text and empty cells alone, and quotes separators', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell('-1.5')).toBe('-1.5');
    expect(csvCell('+86')).toBe('+86');
    expect(csvCell('静安寺街道')).toBe('静安寺街道');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('writes rows with CRLF and a byte-order mark', () => {
    expect(
      csvText([
        ['a', 1],
        ['=b', null],
      ]),
    ).toBe('\uFEFFa,1\r\n"\'=b",\r\n');
    expect(csvText([['a']], { bom: false })).toBe('a\r\n');
  });
});
