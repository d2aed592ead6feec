import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror=window.__pwned=1>')).toBe('&lt;img src=x onerror=window.__pwned=1&gt;');
    expect(escapeHtml(`"a" & 'b'`)).toBe('&quot;a&quot; &amp; &#39;b&#39;');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
  it('leaves plain text, Chinese and numbers as they are', () => {
    expect(escapeHtml('静安寺街道 第3网格')).toBe('静安寺街道 第3网格');
    expect(escapeHtml(12.5)).toBe('12.5');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });
});
