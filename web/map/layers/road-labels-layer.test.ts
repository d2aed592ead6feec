import { describe, expect, it } from 'vitest';
import {
  createRoadLabelsLayer,
  MAX_ROAD_LABELS,
  placeRoadLabels,
  roadLabelsFromFeatures,
  upright,
  type LabelView,
  type RoadLabel,
} from './road-labels-layer';

/** A flat view: 1 degree = 1000 px, (0, 0) at the top-left corner. */
const view = (zoom: number, width = 1920, height = 1080, bearing = 0): LabelView => ({
  zoom,
  bearing,
  width,
  height,
  project: (lon, lat) => [lon * 1000, (1 - lat) * 1000],
});
const label = (name: string, lon: number, lat: number, roadClass: RoadLabel['roadClass'] = 'local', angle = 0) => ({
  name,
  roadClass,
  angle,
  lon,
  lat,
});

describe('upright', () => {
  it('folds any direction to -90…90', () => {
    expect(upright(0)).toBe(0);
    expect(upright(135)).toBe(-45);
    expect(upright(-135)).toBe(45);
    expect(upright(270)).toBe(-90);
    expect(upright(90)).toBe(-90);
  });
});

describe('placeRoadLabels', () => {
  it('names local roads from z15 and arterials from z14', () => {
    const c = [label('宁海路', 0.5, 0.5), label('中山北路', 1, 0.5, 'arterial')];
    expect(placeRoadLabels(c, view(13.9), 1)).toEqual([]);
    expect(placeRoadLabels(c, view(14.5), 1).map((l) => l.name)).toEqual(['中山北路']);
    expect(placeRoadLabels(c, view(15), 1).map((l) => l.name)).toEqual(['中山北路', '宁海路']);
  });

  it('keeps the higher class where two names would overlap', () => {
    const c = [label('宁海路', 0.5, 0.5), label('中山北路', 0.51, 0.5, 'arterial')];
    expect(placeRoadLabels(c, view(16), 1).map((l) => l.name)).toEqual(['中山北路']);
  });

  it('leaves out names that would leave the screen, and unnamed anchors', () => {
    const c = [label('宁海路', 0.005, 0.5), label(' ', 0.5, 0.5), label('北京西路', 0.5, 0.7)];
    expect(placeRoadLabels(c, view(16), 1).map((l) => l.name)).toEqual(['北京西路']);
  });

  it('spaces the names of one road apart', () => {
    const c = [label('宁海路', 0.3, 0.5), label('宁海路', 0.4, 0.5), label('宁海路', 0.8, 0.5)];
    expect(placeRoadLabels(c, view(16), 1).map((l) => l.lon)).toEqual([0.3, 0.8]);
  });

  it('turns the names along their road and with the map, upright', () => {
    const [a] = placeRoadLabels([label('宁海路', 0.5, 0.5, 'local', 80)], view(16, 1920, 1080, 30), 1);
    expect(a.screenAngle).toBe(-70);
  });

  it('grows the names with the wall, so that fewer fit the same map', () => {
    const c = Array.from({ length: 20 }, (_, i) => label(`路${i}`, 0.5 + i * 0.045, 0.5));
    const one = placeRoadLabels(c, view(16), 1);
    const two = placeRoadLabels(c, view(16), 2);
    expect(two[0].size).toBe(2 * one[0].size);
    expect(two.length).toBeLessThan(one.length);
  });

  it('draws at most a bounded number of names in any view', () => {
    const c: RoadLabel[] = [];
    for (let i = 0; i < 80; i++) for (let j = 0; j < 40; j++) c.push(label(`路${i}-${j}`, i * 0.1, j * 0.06));
    const placed = placeRoadLabels(c, view(17, 7680, 2160), 1);
    expect(placed).toHaveLength(MAX_ROAD_LABELS);
  });
});

describe('roadLabelsFromFeatures', () => {
  it('reads the anchors of the tiles, once each', () => {
    const f = (name: unknown, lon: number, roadClass = 'secondary') => ({
      geometry: { type: 'Point' as const, coordinates: [lon, 32.05] },
      properties: { name, roadClass, angle: -30 },
    });
    expect(
      roadLabelsFromFeatures([f('汉中路', 118.77), f('汉中路', 118.77), f('', 118.78), f('虎踞路', 118.79, 'x')]),
    ).toEqual([{ name: '汉中路', roadClass: 'secondary', angle: -30, lon: 118.77, lat: 32.05 }]);
  });
});

describe('createRoadLabelsLayer', () => {
  it('draws each name at its anchor, turned, in Chinese-capable local fonts', () => {
    const [placed] = placeRoadLabels([label('宁海路', 0.5, 0.5, 'local', 20)], view(16), 2);
    const layer = createRoadLabelsLayer([placed], 2);
    expect(layer.id).toBe('road-labels');
    expect(layer.props.fontFamily).toContain('Noto Sans CJK SC');
    expect(layer.props.characterSet).toBe('auto');
    const get = <T>(a: unknown) => (a as (x: typeof placed) => T)(placed);
    expect(get(layer.props.getText)).toBe('宁海路');
    expect(get(layer.props.getAngle)).toBe(20);
    expect(get(layer.props.getSize)).toBe(24);
    expect(get(layer.props.getPosition)).toEqual([0.5, 0.5]);
  });
});
