// Well-known text → GeoJSON geometry for the shapes an import accepts: (MULTI)POINT and (MULTI)POLYGON,
// with an optional SRID=…; prefix and Z/M ordinates (dropped).
import type { Geometry, Position } from 'geojson';
import { bilingual, m, type Message } from '../../contract/messages/index.js';

type Nested = Position | Nested[];

/** WKT that cannot be read: what is wrong, as a message (and both languages as its text). */
export class WktError extends SyntaxError {
  constructor(readonly text: Message) {
    super(bilingual(text));
  }
}

export function parseWkt(text: string): Geometry {
  const src = text.trim().replace(/^SRID=\d+;/i, '');
  const head = /^(POINT|MULTIPOINT|POLYGON|MULTIPOLYGON)\s*(?:Z|M|ZM)?\s*(\(.*\)|EMPTY)$/is.exec(src);
  if (!head) throw new WktError(m('import.wkt.unsupported', { text: src.slice(0, 40) }));
  const type = head[1].toUpperCase();
  if (head[2].toUpperCase() === 'EMPTY') throw new WktError(m('import.wkt.empty'));
  let i = 0;
  const body = head[2];
  const skip = () => {
    while (i < body.length && /\s/.test(body[i])) i++;
  };
  const coord = (): Position => {
    skip();
    const start = i;
    while (i < body.length && /[-+0-9.eE\s]/.test(body[i]) && body[i] !== ')') i++;
    const nums = body.slice(start, i).trim().split(/\s+/).map(Number);
    if (nums.length < 2 || nums.some((n) => !Number.isFinite(n)))
      throw new WktError(m('import.wkt.badCoordinate', { near: body.slice(start, start + 30) }));
    return [nums[0], nums[1]];
  };
  const list = (): Nested[] => {
    skip();
    if (body[i] !== '(') throw new WktError(m('import.wkt.expectedParen', { at: i }));
    i++;
    const out: Nested[] = [];
    for (;;) {
      skip();
      if (body[i] === '(') out.push(list());
      else {
        const save = i;
        out.push(coord());
        if (i === save) throw new WktError(m('import.wkt.unreadable'));
      }
      skip();
      if (body[i] === ',') {
        i++;
        continue;
      }
      if (body[i] === ')') {
        i++;
        return out;
      }
      throw new WktError(m('import.wkt.unreadableAt', { at: i }));
    }
  };
  const parsed = list();
  skip();
  if (i !== body.length) throw new WktError(m('import.wkt.trailing'));
  switch (type) {
    case 'POINT':
      return { type: 'Point', coordinates: parsed[0] as Position };
    case 'MULTIPOINT':
      return {
        type: 'MultiPoint',
        coordinates: parsed.map((p) => (Array.isArray(p[0]) ? (p as Nested[])[0] : p) as Position),
      };
    case 'POLYGON':
      return { type: 'Polygon', coordinates: parsed as Position[][] };
    default:
      return { type: 'MultiPolygon', coordinates: parsed as Position[][][] };
  }
}
