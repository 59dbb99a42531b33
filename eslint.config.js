import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { FILE_LAYERS, importPatterns, LAYERS } from './layers.config.js';

// One block per layer: its files may not import the layers it does not list (layers.config.js).
const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => {
  const denied = Object.keys(LAYERS).filter((l) => l !== layer && !allowed.includes(l));
  const files = Object.entries(FILE_LAYERS).filter(([, l]) => l === layer).map(([f]) => `src/${f}`);
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`, ...files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...(layer === 'store' ? {} : { paths: [{ name: 'better-sqlite3', message: `${layer}/ may not import better-sqlite3: SQL lives only in src/store.` }] }),
          patterns: denied.map((l) => ({
            group: importPatterns(l),
            message: `${layer}/ may not import ${l}/: imports go one way (docs/architecture.md, layers.config.js).`,
          })),
        },
      ],
    },
  };
});

// SQL lives only in src/store, one module per table: anywhere else under src/, a call that runs or
// prepares SQL on a database (prepare, transaction, pragma, iterate, or exec on a db or with SQL
// text; a RegExp's exec is not one) is refused. Transactions open through store's inTransaction.
const SQL_MESSAGE = 'SQL lives only in src/store: move this into the store module of its table (docs/architecture.md).';
const SQL_OUTSIDE_STORE = [
  'CallExpression[callee.property.name=/^(prepare|transaction|pragma|iterate)$/]',
  "CallExpression[callee.property.name='exec']:not([callee.object.regex]):matches([callee.object.name=/^(db|database)$/i], [callee.object.property.name=/^(db|database)$/i], [arguments.0.type=/^(Literal|TemplateLiteral)$/])",
].map((selector) => ({ selector, message: SQL_MESSAGE }));

const sqlRule = {
  files: ['src/**/*.{ts,tsx}'],
  ignores: ['src/store/**'],
  rules: { 'no-restricted-syntax': ['error', ...SQL_OUTSIDE_STORE] },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results*.json', 'bench/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  ...layerRules,
  sqlRule,
  {
    // The launcher is CommonJS (bin/package.json): require() is how it loads the first-frame bundle.
    files: ['bin/**/*.js', 'test/helpers/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
