// H3 cells as drawn: deck.gl's H3HexagonLayer places a cell where its index says (WGS84), so over a shifted base map
// (a GCJ-02 one) the cells are drawn as polygons of their shifted outlines instead, with the same styling props.
import { H3HexagonLayer, type H3HexagonLayerProps } from '@deck.gl/geo-layers';
import { PolygonLayer, type PolygonLayerProps } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { cellToBoundary } from 'h3-js';
import { displayDatum, shownPath } from '../display-datum';

export function createHexagonCellsLayer<D>(props: H3HexagonLayerProps<D> & { getHexagon: (d: D) => string }): Layer {
  if (displayDatum() === 'wgs84') return new H3HexagonLayer<D>(props);
  const { getHexagon, ...rest } = props;
  const polygon: PolygonLayerProps<D> = {
    ...(rest as unknown as PolygonLayerProps<D>),
    getPolygon: (d: D) => shownPath(cellToBoundary(getHexagon(d), true)),
  };
  delete (polygon as { highPrecision?: unknown }).highPrecision;
  delete (polygon as { coverage?: unknown }).coverage;
  delete (polygon as { centerHexagon?: unknown }).centerHexagon;
  return new PolygonLayer<D>(polygon);
}
