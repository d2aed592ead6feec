// The layering rule in .dependency-cruiser.cjs, run on a small tree laid out like the repository: an import
// up a layer is reported under the rule's name, an import down is not.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const { forbidden } = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
};
const dirs: string[] = [];

/** Cruises a tree of files { 'web/x.ts': 'source' } and returns the names of the rules it breaks. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-layers-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  const top = [...new Set(Object.keys(files).map((f) => f.split('/')[0]))];
  const { output } = await cruise(top, {
    baseDir: root,
    ruleSet: { forbidden },
    tsPreCompilationDeps: true,
    validate: true,
  });
  const result = output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('layering rule', () => {
  it('lets each layer import the ones below it', async () => {
    expect(
      await violations({
        'contract/orders.ts': 'export const A = 1;\n',
        'core/orders/state.ts': "import { A } from '../../contract/orders.js';\nexport const B = A;\n",
        'geodata/orders/life.ts': "import { B } from '../../core/orders/state.js';\nexport const C = B;\n",
        'api/orders/service.ts': "import { C } from '../../geodata/orders/life.js';\nexport const D = C;\n",
        'scripts/seed.ts': "import { D } from '../api/orders/service.js';\nexport const E = D;\n",
        'web/orders/allowed-actions.ts': "import { B } from '../../core/orders/state.js';\nexport const F = B;\n",
      }),
    ).toEqual([]);
  });

  it('reports geodata importing the server', async () => {
    expect(
      await violations({
        'api/orders/queries.ts': 'export const Q = 1;\n',
        'geodata/orders/history.ts': "import { Q } from '../../api/orders/queries.js';\nexport const H = Q;\n",
      }),
    ).toEqual(['geodata-imports-no-higher-layer: geodata/orders/history.ts → api/orders/queries.ts']);
  });

  it('reports the web importing the server, even from a Vue component', async () => {
    expect(
      await violations({
        'api/orders/transitions.ts': 'export const T = 1;\n',
        'web/orders/Actions.vue':
          '<script setup lang="ts">\nimport { T } from \'../../api/orders/transitions\';\nconst t = T;\n</script>\n' +
          '<template><p>{{ t }}</p></template>\n',
      }),
    ).toEqual(['web-imports-only-contract-and-core: web/orders/Actions.vue → api/orders/transitions.ts']);
  });

  it('reports core reaching for a Node built-in', async () => {
    const found = await violations({ 'core/orders/sla.ts': "import fs from 'node:fs';\nexport const S = fs;\n" });
    expect(found).toEqual(['contract-and-core-are-pure: core/orders/sla.ts → fs']);
  });
});
