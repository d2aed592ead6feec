// Well-known text → GeoJSON geometry for the shapes an import accepts: (MULTI)POINT and (MULTI)POLYGON,
// with an optional SRID=…; prefix and Z/M ordinates (dropped).
import type { Geometry, Position } from 'geojson';

type Nested = Position | Nested[];

export function parseWkt(text: string): Geometry {
  const src = text.trim().replace(/^SRID=\d+;/i, '');
  const m = /^(POINT|MULTIPOINT|POLYGON|MULTIPOLYGON)\s*(?:Z|M|ZM)?\s*(\(.*\)|EMPTY)$/is.exec(src);
  if (!m) throw new SyntaxError(`WKT 只支持 POINT / MULTIPOINT / POLYGON / MULTIPOLYGON / only POINT, MULTIPOINT, POLYGON and MULTIPOLYGON WKT is read: "${src.slice(0, 40)}"`);
  const type = m[1].toUpperCase();
  if (m[2].toUpperCase() === 'EMPTY') throw new SyntaxError('WKT 为空几何 / the WKT geometry is EMPTY');
  let i = 0;
  const body = m[2];
  const skip = () => {
    while (i < body.length && /\s/.test(body[i])) i++;
  };
  const coord = (): Position => {
    skip();
    const start = i;
    while (i < body.length && /[-+0-9.eE\s]/.test(body[i]) && body[i] !== ')' ) i++;
    const nums = body.slice(start, i).trim().split(/\s+/).map(Number);
    if (nums.length < 2 || nums.some((n) => !Number.isFinite(n))) throw new SyntaxError(`WKT 坐标无效 / bad WKT coordinate near "${body.slice(start, start + 30)}"`);
    return [nums[0], nums[1]];
  };
  const list = (): Nested[] => {
    skip();
    if (body[i] !== '(') throw new SyntaxError(`WKT 缺少 "(" / expected "(" at ${i}`);
    i++;
    const out: Nested[] = [];
    for (;;) {
      skip();
      if (body[i] === '(') out.push(list());
      else {
        const save = i;
        out.push(coord());
        if (i === save) throw new SyntaxError('WKT 无法解析 / unreadable WKT');
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
      throw new SyntaxError(`WKT 在 ${i} 处无法解析 / unreadable WKT at ${i}`);
    }
  };
  const parsed = list();
  skip();
  if (i !== body.length) throw new SyntaxError('WKT 末尾有多余内容 / trailing text after the WKT');
  switch (type) {
    case 'POINT':
      return { type: 'Point', coordinates: parsed[0] as Position };
    case 'MULTIPOINT':
      return { type: 'MultiPoint', coordinates: parsed.map((p) => (Array.isArray(p[0]) ? (p as Nested[])[0] : p) as Position) };
    case 'POLYGON':
      return { type: 'Polygon', coordinates: parsed as Position[][] };
    default:
      return { type: 'MultiPolygon', coordinates: parsed as Position[][][] };
  }
}
