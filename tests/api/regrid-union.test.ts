// Grid polygons of a re-gridding whose blocks were cut by real roads: the pieces of each grid (whole blocks and
// Voronoi cells of buildings) meet along nearly coincident edges, where a plain union fails. Every grid the units
// name must come back as one non-empty polygon set.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridPolygons } from '../../api/import/regrid-queries.js';
import type { Units } from '../../api/import/regrid-edit.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';

const units = JSON.parse(fs.readFileSync('tests/fixtures/regrid/gulou-shanxilu-units.json', 'utf8')) as Units;
let t: TestDb;

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

describe('grid polygons along real roads', () => {
  it('draws every grid of the proposal, none empty', async () => {
    const grids = new Set([
      ...units.buildings.map((b) => b.grid),
      ...units.blocks.flatMap((b) => (b.grid === null ? [] : [b.grid])),
    ]);
    expect(grids.size).toBeGreaterThan(3);
    const polys = await gridPolygons(t.db, units);
    expect(polys.map((p) => p.grid).sort((a, b) => a - b)).toEqual([...grids].sort((a, b) => a - b));
    for (const p of polys) {
      expect(p.areaM2, `grid ${p.grid}`).toBeGreaterThan(100);
      expect(JSON.parse(p.geom).type).toBe('MultiPolygon');
    }
  });
});
