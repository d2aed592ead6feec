// Residents matched to buildings by address when the file has no building id: addresses compared after
// normalising full/half width, spaces and the 号/号楼/幢/栋/座 variants of a building number. A row that matches no
// building in the caller's scope, several buildings, or a building that has no grid yet, is refused with its line.
import { m } from '../../contract/messages/index.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import type { ResidentRow, RowRefusal } from './import-parse.js';

/** The form two ways of writing one address share: '静安路１２号楼 ３单元' and '静安路12栋3单元' alike. */
export function normaliseAddress(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/(\d+)(号楼|号院|幢|栋|座|号)/g, '$1#')
    .replace(/[-－—]/g, '-')
    .toLowerCase();
}

interface Candidate {
  id: number;
  gridId: number | null;
  address: string;
}

/**
 * Gives each row without a building id the building its address names (in place), and answers the refusals of the
 * rows that cannot be matched.
 */
export async function matchByAddress(q: Queryable, user: AuthUser, rows: ResidentRow[]): Promise<RowRefusal[]> {
  const wanted = rows.filter((r) => r.buildingId === null);
  if (!wanted.length) return [];
  // Buildings in scope by their grid; those without a grid by lying inside the caller's area.
  const found = await q.query<Candidate>(
    /* sql */ `SELECT b.id, g.id AS "gridId", b.address FROM buildings b JOIN areas g ON g.id = b.grid_id
      WHERE g.path LIKE $1 || '%'
      UNION ALL
      SELECT b.id, NULL, b.address FROM buildings b JOIN areas s ON (s.id = $2::int OR ($2::int IS NULL AND s.parent_id IS NULL))
      WHERE b.grid_id IS NULL AND ST_Intersects(s.geom, b.geom)`,
    [user.areaPath, user.areaId],
  );
  const byAddress = new Map<string, Candidate[]>();
  for (const b of found.rows) {
    const key = normaliseAddress(b.address);
    byAddress.set(key, [...(byAddress.get(key) ?? []), b]);
  }
  const refused: RowRefusal[] = [];
  for (const r of wanted) {
    const given = r.address ?? '';
    const hits = byAddress.get(normaliseAddress(given)) ?? [];
    if (hits.length === 0)
      refused.push({ line: r.line, column: 'address', reason: m('population.addressNotFound', { address: given }) });
    else if (hits.length > 1)
      refused.push({
        line: r.line,
        column: 'address',
        reason: m('population.addressAmbiguous', { address: given, ids: hits.map((h) => h.id).join(', ') }),
      });
    else if (hits[0].gridId === null)
      refused.push({
        line: r.line,
        column: 'address',
        reason: m('population.buildingNoGrid', { address: given, id: hits[0].id }),
      });
    else {
      r.buildingId = hits[0].id;
      r.address = null; // matched: not checked again against the stored spelling
    }
  }
  return refused;
}
