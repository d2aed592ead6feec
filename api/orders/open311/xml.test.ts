import { describe, expect, it } from 'vitest';
import { escapeXml, toXml } from './xml.js';

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });

  it('keeps Chinese text and emoji as they are (the document is UTF-8)', () => {
    expect(escapeXml('楼道堆物 🚲 「消防通道」')).toBe('楼道堆物 🚲 「消防通道」');
  });

  it('drops characters XML 1.0 cannot carry, keeping tabs and line breaks', () => {
    expect(escapeXml('a\u0000b\u0007c\td\ne\rf\uFFFFg\uD800h')).toBe('abc\td\ne\rfgh');
  });

  it('does not double-escape an entity-looking text', () => {
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });
});

describe('toXml', () => {
  it('writes arrays as repeated item elements named for the spec shapes', () => {
    const xml = toXml('service_requests', [{ service_request_id: '7', token: '7' }]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n  <request>\n    <service_request_id>7</service_request_id>\n    <token>7</token>\n  </request>\n</service_requests>\n',
    );
  });

  it('nests attributes/values and writes null and empty lists as empty elements', () => {
    const xml = toXml('service_definition', {
      service_code: 'X',
      attributes: [{ code: 'c', values: [{ key: 'k', name: '名' }], note: null }],
      extra: [],
    });
    expect(xml).toContain(
      '<attributes>\n    <attribute>\n      <code>c</code>\n      <values>\n        <value>\n          <key>k</key>\n          <name>名</name>',
    );
    expect(xml).toContain('<note/>');
    expect(xml).toContain('<extra/>');
  });

  it('writes errors in the spec shape with escaped descriptions', () => {
    expect(toXml('errors', [{ code: 400, description: 'lat <> "long" & \'x\'' }])).toContain(
      '<errors>\n  <error>\n    <code>400</code>\n    <description>lat &lt;&gt; &quot;long&quot; &amp; &apos;x&apos;</description>\n  </error>\n</errors>',
    );
  });

  it('writes booleans and numbers as text', () => {
    expect(toXml('service', { metadata: false, lat: 31.2 })).toContain('<metadata>false</metadata>\n  <lat>31.2</lat>');
  });
});
