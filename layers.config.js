// The allowed import directions between the folders of src/, written once. An entry may import
// itself and what it lists; anything else under src/ is refused by eslint (eslint.config.js) and
// so fails `npm test`. docs/architecture.md draws the same table.
export const LAYERS = {
  cli: ['ui', 'jobs', 'status', 'demo', 'deps', 'market', 'alerts', 'ledger', 'returns', 'config', 'store', 'core', 'base'],
  ui: ['deps', 'market', 'ledger', 'returns', 'config', 'store', 'core', 'base'],
  jobs: ['deps', 'market', 'alerts', 'ledger', 'returns', 'config', 'store', 'core', 'base'],
  status: ['config', 'store', 'core', 'base'],
  demo: ['market', 'config', 'store', 'core', 'base'],
  deps: ['market', 'config', 'store', 'core', 'base'],
  market: ['alerts', 'config', 'store', 'core', 'base'],
  alerts: ['config', 'store', 'core', 'base'],
  ledger: ['config', 'store', 'core', 'base'],
  returns: ['ledger', 'config', 'store', 'core', 'base'],
  config: ['core', 'base'],
  store: ['core', 'base'],
  core: ['base'],
  base: [],
};

/** Top-level files of src/ and the layer each belongs to. */
export const FILE_LAYERS = { 'deps.ts': 'deps', 'config.ts': 'config', 'paths.ts': 'config' };

/** How an import of a layer is written from inside src/ (relative paths). */
export function importPatterns(layer) {
  const files = Object.entries(FILE_LAYERS)
    .filter(([, l]) => l === layer)
    .map(([f]) => `**/${f.replace(/\.ts$/, '.js')}`);
  return [`**/${layer}/*`, `**/${layer}/**`, ...files];
}
