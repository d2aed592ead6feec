import { describe, expect, it } from 'vitest';
import { renderMessage } from './messages/index';
import { DEFAULT_LAYOUTS, layoutForScreen, layoutProblems, type LayoutSpec } from './wall';

const inEnglish = (s: LayoutSpec) => layoutProblems(s).map((p) => renderMessage(p, 'en'));

const spec = (over: Partial<LayoutSpec>): LayoutSpec => ({
  columns: 4,
  rows: 2,
  aspect: 2,
  map: { col: 2, row: 1, colSpan: 2, rowSpan: 2 },
  panels: [],
  ...over,
});

describe('layoutProblems', () => {
  it('passes the shipped layouts', () => {
    for (const l of DEFAULT_LAYOUTS) expect(layoutProblems(l.spec), l.id).toEqual([]);
  });
  it('finds a panel outside the grid, an overlap and a panel placed twice', () => {
    expect(inEnglish(spec({ panels: [{ panel: 'alarms', col: 4, row: 1, colSpan: 2, rowSpan: 1 }] }))[0]).toMatch(
      /alarms lies outside the 4×2 grid/,
    );
    expect(inEnglish(spec({ panels: [{ panel: 'rates', col: 1, row: 1, colSpan: 2, rowSpan: 1 }] }))).toEqual([
      expect.stringMatching(/map overlaps rates/),
    ]);
    const twice = inEnglish(
      spec({
        panels: [
          { panel: 'rates', col: 1, row: 1, colSpan: 1, rowSpan: 1 },
          { panel: 'rates', col: 1, row: 2, colSpan: 1, rowSpan: 1 },
        ],
      }),
    );
    expect(twice).toEqual([expect.stringMatching(/rates appears twice/)]);
  });
  it('lets rectangles touch edge to edge', () => {
    expect(layoutProblems(spec({ panels: [{ panel: 'rates', col: 1, row: 1, colSpan: 1, rowSpan: 2 }] }))).toEqual([]);
  });
});

describe('layoutForScreen', () => {
  it('picks by aspect: 16:9 for 1920×1080 and 3840×2160, 32:9 for 7680×2160', () => {
    expect(layoutForScreen(DEFAULT_LAYOUTS, 1920, 1080)?.id).toBe('screen-16x9');
    expect(layoutForScreen(DEFAULT_LAYOUTS, 3840, 2160)?.id).toBe('screen-16x9');
    expect(layoutForScreen(DEFAULT_LAYOUTS, 7680, 2160)?.id).toBe('wall-32x9');
    expect(layoutForScreen(DEFAULT_LAYOUTS, 5760, 1080)?.id).toBe('wall-32x9');
    expect(layoutForScreen([], 1920, 1080)).toBeUndefined();
  });
});
