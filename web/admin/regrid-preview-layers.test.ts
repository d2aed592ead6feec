// The proposal's units on the map: blocks and buildings as two pickable layers, the picked one drawn white.
import { describe, expect, it } from 'vitest';
import type { RegridProposal } from '@contract/imports';
import { createRegridUnitLayers, gridColour, REGRID_UNIT_LAYERS } from './regrid-preview-layers';

const proposal: RegridProposal = {
  communityId: 1,
  minHouseholds: 300,
  maxHouseholds: 500,
  adjustments: [],
  blocks: [
    {
      id: 1,
      x: 0,
      y: 0,
      grid: 0,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    },
  ],
  buildings: [
    { id: 7, x: 0.2, y: 0.2, households: 40, block: 1, grid: 0 },
    { id: 8, x: 0.5, y: 0.5, households: 60, block: 1, grid: 1 },
  ],
};

describe('createRegridUnitLayers', () => {
  it('draws blocks and buildings as pickable layers, nothing without a proposal', () => {
    expect(createRegridUnitLayers(undefined, null, null, 1)).toEqual([]);
    const layers = createRegridUnitLayers(proposal, null, null, 1);
    expect(layers.map((l) => l.id)).toEqual([...REGRID_UNIT_LAYERS]);
    expect(layers.every((l) => l.props.pickable)).toBe(true);
  });

  it('colours buildings by their grid and the picked building white and larger', () => {
    const [, dots] = createRegridUnitLayers(proposal, 1, { kind: 'building', id: 8 }, 1);
    const fill = dots.props.getFillColor as (b: RegridProposal['buildings'][number]) => number[];
    const radius = dots.props.getRadius as (b: RegridProposal['buildings'][number]) => number;
    expect(fill(proposal.buildings[0])).toEqual(gridColour(0));
    expect(fill(proposal.buildings[1])).toEqual([255, 255, 255, 255]);
    expect(radius(proposal.buildings[1])).toBeGreaterThan(radius(proposal.buildings[0]));
  });
});
