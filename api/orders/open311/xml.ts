// A small XML writer for the GeoReport v2 shapes: the JSON body is the source of truth and XML is
// derived from it, so both formats always carry the same fields in the same order.

/** Plural element → the element each item of its array is wrapped in (`<values><value>…`). */
const ITEM_TAG: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than tab/LF/CR, lone
// surrogates, U+FFFE/U+FFFF. A resident's text pasted from elsewhere may contain them.
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function itemTagOf(tag: string): string {
  return ITEM_TAG[tag] ?? (tag.endsWith('s') ? tag.slice(0, -1) : 'item');
}

function element(tag: string, value: unknown, indent: string): string {
  if (value === null || value === undefined) return `${indent}<${tag}/>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}<${tag}/>`;
    const item = itemTagOf(tag);
    return `${indent}<${tag}>\n${value.map((v) => element(item, v, `${indent}  `)).join('\n')}\n${indent}</${tag}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v, `${indent}  `));
    return children.length ? `${indent}<${tag}>\n${children.join('\n')}\n${indent}</${tag}>` : `${indent}<${tag}/>`;
  }
  return `${indent}<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/**
 * The document for `body` under `root`: an array becomes repeated item elements
 * (`services` → `<service>`), an object its fields in order, null an empty element.
 */
export function toXml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, body, '')}\n`;
}
