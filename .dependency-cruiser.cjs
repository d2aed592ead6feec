// The layering rule (`npm run lint:layers`): imports point down, never up.
//   contract  →  core  →  geodata  →  api  →  scripts, bench, tests
// contract is what both sides speak; core holds the pure rules both sides run; web, a second top, may import
// only contract and core besides its own files. core is pure, so it imports no Node built-in either.
// A violation names the rule, the importing file and the imported one.
const LAYERS = ['contract', 'core', 'geodata', 'api'];
const TOPS = ['scripts', 'bench', 'tests', 'web'];

/** A rule forbidding `layer` to import anything above it. */
function below(layer, above, comment) {
  return {
    name: `${layer}-imports-no-higher-layer`,
    comment,
    severity: 'error',
    from: { path: `^${layer}/` },
    to: { path: `^(${above.join('|')})/` },
  };
}

const above = (layer) => [...LAYERS.slice(LAYERS.indexOf(layer) + 1), ...TOPS];

module.exports = {
  forbidden: [
    below('contract', above('contract'), 'contract is the lowest layer: types and schemas both sides speak'),
    below('core', above('core'), 'core holds pure rules that api, geodata and web import; it imports only contract'),
    below('geodata', above('geodata'), 'geodata (demo city, importers, coordinates) runs the core, never the server'),
    below('api', TOPS, 'api serves the web over HTTP; it does not import the web, scripts, benches or tests'),
    {
      name: 'web-imports-only-contract-and-core',
      comment:
        'the browser bundle shares only contract and core with the server; everything else goes over HTTP. ' +
        'A web test may check that the web agrees with a server-side module: it never ships in the bundle.',
      severity: 'error',
      from: { path: '^web/', pathNot: '[.]test[.]ts$' },
      to: { path: '^(api|geodata|scripts|bench|tests)/' },
    },
    {
      name: 'contract-and-core-are-pure',
      comment: 'contract and core run in the browser and in tests without I/O: no Node built-ins (fs, net, crypto, …)',
      severity: 'error',
      from: { path: '^(contract|core)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'an import the checker cannot resolve could hide a forbidden one',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.vue', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
