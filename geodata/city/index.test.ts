import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCity } from './index.js';
import type { City } from './types.js';

function fingerprint(city: City): string {
  const h = createHash('sha256');
  h.update(
    JSON.stringify([city.meta, city.areas, city.buildings, city.roads, city.water, city.resources, city.workers]),
  );
  for (const col of [
    city.residents.buildingId,
    city.residents.household,
    city.residents.age,
    city.residents.sex,
    city.residents.flags,
  ]) {
    h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  }
  return h.digest('hex');
}

describe('generateCity', () => {
  it('gives identical output for the same seed', () => {
    expect(fingerprint(generateCity({ size: 'small', seed: 7 }))).toBe(
      fingerprint(generateCity({ size: 'small', seed: 7 })),
    );
  });

  it('gives a different city for a different seed', () => {
    expect(fingerprint(generateCity({ size: 'small', seed: 7 }))).not.toBe(
      fingerprint(generateCity({ size: 'small', seed: 8 })),
    );
  });

  it('reports progress for each main step, ending at done = total', () => {
    const calls: [string, number, number][] = [];
    generateCity({ size: 'small', seed: 1 }, (step, done, total) => calls.push([step, done, total]));
    expect(calls.length).toBeGreaterThanOrEqual(8);
    const dones = calls.map((c) => c[1]);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(calls.at(-1)![1]).toBe(calls.at(-1)![2]);
  });

  it("lies near Jing'an and is labelled synthetic", () => {
    const city = generateCity({ size: 'small', seed: 1 });
    const [w, s, e, n] = city.meta.bbox;
    expect(w).toBeGreaterThan(121.41);
    expect(e).toBeLessThan(121.5);
    expect(s).toBeGreaterThan(31.21);
    expect(n).toBeLessThan(31.31);
    expect(city.meta.name).toContain('合成数据');
    expect(city.meta.countyCode).toBe('310190');
  });
});
