// How long the demo-city generator takes (the timing the unit tests used to assert): small and full city, a few
// runs each, against a baseline of the same process generating nothing but the random draws of a seeded PRNG.
// `npx tsx bench/city-generator.ts [--runs 3]`
import { generateCity } from '../geodata/city/index.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const runs = arg('runs', 3);

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const baseline = median(
  Array.from({ length: runs }, () =>
    time(() => {
      let x = 1;
      for (let i = 0; i < 1e7; i++) x = (x * 48271) % 2147483647;
      if (x < 0) console.log(x);
    }),
  ),
);
console.log(`baseline (10 M PRNG steps): ${baseline.toFixed(0)} ms`);
for (const size of ['small', 'full'] as const) {
  const ms = median(
    Array.from({ length: size === 'full' ? Math.min(runs, 2) : runs }, (_, k) =>
      time(() => generateCity({ size, seed: k + 1 })),
    ),
  );
  console.log(`${size} city: median ${ms.toFixed(0)} ms (${(ms / baseline).toFixed(1)}× baseline)`);
}
