import { afterEach, describe, expect, it } from 'vitest';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { PolygonLayer } from '@deck.gl/layers';
import { cellToBoundary, latLngToCell } from 'h3-js';
import { setDisplayDatum, toDisplayIn } from '../display-datum';
import { createHexagonCellsLayer } from './hexagon-cells-layer';

const cell = { h3: latLngToCell(32.0663, 118.7699, 9) };

afterEach(() => setDisplayDatum('wgs84'));

describe('H3 cells as drawn', () => {
  it('are an H3HexagonLayer over a WGS84 base map', () => {
    const layer = createHexagonCellsLayer<typeof cell>({ id: 'cells', data: [cell], getHexagon: (c) => c.h3 });
    expect(layer).toBeInstanceOf(H3HexagonLayer);
  });

  it('are polygons of their shifted outlines over a GCJ-02 base map', () => {
    setDisplayDatum('gcj02');
    const layer = createHexagonCellsLayer<typeof cell>({
      id: 'cells',
      data: [cell],
      getHexagon: (c) => c.h3,
      highPrecision: 'auto',
    });
    expect(layer).toBeInstanceOf(PolygonLayer);
    const getPolygon = (layer.props as unknown as { getPolygon: (d: typeof cell) => [number, number][] }).getPolygon;
    const outline = cellToBoundary(cell.h3, true);
    expect(getPolygon(cell)).toEqual(outline.map(([lon, lat]) => toDisplayIn('gcj02', lon, lat)));
  });
});
