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
          patterns: denied.map((l) => ({
            group: importPatterns(l),
            message: `${layer}/ may not import ${l}/: imports go one way (docs/architecture.md, layers.config.js).`,
          })),
        },
      ],
    },
  };
});

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
  {
    // The launcher is CommonJS (bin/package.json): require() is how it loads the first-frame bundle.
    files: ['bin/**/*.js', 'test/helpers/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
