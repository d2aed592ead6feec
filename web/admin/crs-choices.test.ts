// The CRS picker offers only codes the importer reads, among them the eastern-China zones.
import { describe, expect, it } from 'vitest';
import { fromEpsg } from '../../geodata/crs/projected';
import { CRS_CHOICES } from './crs-choices';

describe('CRS_CHOICES', () => {
  it('lists CGCS2000 3-degree zones the importer supports, with and without the zone prefix', () => {
    const epsg = CRS_CHOICES.filter((c) => c.value.startsWith('epsg:')).map((c) => Number(c.value.slice(5)));
    expect(epsg).toEqual(expect.arrayContaining([4527, 4528, 4529, 4549, 4550, 4551]));
    for (const code of epsg) expect(fromEpsg(code)?.name).toBe(`EPSG:${code}`);
    const z40 = CRS_CHOICES.find((c) => c.value === 'epsg:4549')!;
    expect(z40.params).toMatchObject({ cm: 120 });
  });
});
