import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The import directions of layers.config.js, enforced by `npm run lint` (part of `npm test`).
describe('layering is enforced by lint', () => {
  it.each([
    ['src/store/x.ts', "import type { MarketService } from '../market/types.js';\nexport type X = MarketService;\n", 'store/ may not import market/'],
    ['src/store/x.ts', "import { main } from '../cli/main.js';\nexport const x = main;\n", 'store/ may not import cli/'],
    ['src/core/x.ts', "import { openDb } from '../store/db.js';\nexport const x = openDb;\n", 'core/ may not import store/'],
    ['src/core/x.ts', "import type { Deps } from '../deps.js';\nexport type X = Deps;\n", 'core/ may not import deps/'],
    ['src/store/x.ts', "import type { Config } from '../config.js';\nexport type X = Config;\n", 'store/ may not import config/'],
    ['src/market/x.ts', "import { warm } from '../jobs/warm.js';\nexport const x = warm;\n", 'market/ may not import jobs/'],
    ['src/ui/x.ts', "import { main } from '../cli/main.js';\nexport const x = main;\n", 'ui/ may not import cli/'],
    ['src/market/providers/x.ts', "import { runDashboard } from '../../ui/run-dashboard.js';\nexport const x = runDashboard;\n", 'market/ may not import ui/'],
    ['src/base/x.ts', "import { dayToIso } from '../core/dates.js';\nexport const x = dayToIso;\n", 'base/ may not import core/'],
  ])('%s: %j is refused', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ['src/store/x.ts', "import { dayToIso } from '../core/dates.js';\nexport const x = dayToIso;\n"],
    ['src/cli/commands/x.ts', "import { openDb } from '../../store/db.js';\nexport const x = openDb;\n"],
    ['src/market/x.ts', "import type { Db } from '../store/db.js';\nexport type X = Db;\n"],
    ['src/jobs/x.ts', "import type { Deps } from '../deps.js';\nexport type X = Deps;\n"],
  ])('%s: %j is allowed', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});

async function sqlErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-syntax' || (m.ruleId === 'no-restricted-imports' && m.message.includes('better-sqlite3')))
    .map((m) => m.message);
}

const DB = "import type { Db } from '../store/db.js';\n";

// SQL lives only in src/store (eslint.config.js): a query anywhere else fails `npm run lint`.
describe('SQL outside src/store is refused by lint', () => {
  it.each([
    ['src/ledger/x.ts', `${DB}export const f = (db: Db) => db.prepare('SELECT 1').get();\n`],
    ['src/returns/x.ts', `${DB}export const f = (db: Db) => db.transaction(() => 1)();\n`],
    ['src/market/x.ts', `${DB}export const f = (db: Db) => db.exec('DELETE FROM quotes');\n`],
    ['src/jobs/x.ts', `${DB}export const f = (db: Db) => db.pragma('busy_timeout = 0');\n`],
    ['src/ui/x.ts', `${DB}export const f = (deps: { db: Db }, sql: string) => deps.db.exec(sql);\n`],
    ['src/demo/x.ts', `${DB}export const f = (d: Db) => d.exec(\`DELETE FROM \${'quotes'}\`);\n`],
    ['src/cli/x.ts', "import Database from 'better-sqlite3';\nexport const f = () => new Database(':memory:');\n"],
  ])('%s: %j is refused', async (file, code) => {
    const errors = await sqlErrors(file, code);
    expect(errors.length).toBe(1);
    expect(errors[0]).toMatch(/SQL lives only in src\/store/);
  });

  it.each([
    ['src/store/x.ts', "import type { Db } from './db.js';\nexport const f = (db: Db) => db.prepare('SELECT 1').get();\n"],
    ['src/store/x.ts', "import Database from 'better-sqlite3';\nexport const f = () => new Database(':memory:');\n"],
    ['src/ledger/x.ts', "import { inTransaction, type Db } from '../store/db.js';\nexport const f = (db: Db) => inTransaction(db, () => 1);\n"],
    ['src/core/x.ts', "export const f = (s: string) => /a(b)/.exec(s);\n"],
    ['src/core/x.ts', "const RE = /a(b)/;\nexport const f = (s: string) => RE.exec(s);\n"],
  ])('%s: %j is allowed', async (file, code) => {
    expect(await sqlErrors(file, code)).toEqual([]);
  });
});
