import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/db-file.js';
import { runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/run-main.js';
import { tempDir } from '../helpers/tmp.js';

describe('portfolio binary', () => {
  it('prints its version first, then Node.js, the schema and where the files live', async () => {
    const home = tempDir();
    const r = await runCli(['--version'], { env: { PORTFOLIO_HOME: home } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lines.slice(1)).toEqual([
      `Node.js  ${process.version} (${process.platform} ${process.arch})`,
      `schema   ${SCHEMA_VERSION} (no database yet)`,
      `database ${join(home, 'portfolio.db')}`,
      `config   ${join(home, 'config.json')}`,
    ]);
    expect(readdirSync(home)).toEqual([]);
  });

  it('prints help with examples', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });

  it('exits 2 on an unknown command', async () => {
    const r = await runCli(['frobnicate'], { env: { PORTFOLIO_HOME: tempDir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command|too many arguments/);
  });
});

describe('help', () => {
  it('shows an example for every command', async () => {
    // In-process (the binary's --help is the smoke test above): one node start-up per command was 8 s of the suite.
    const home = tempDir();
    const top = await runMain(['--help'], home, '2025-01-15T18:00:00Z');
    const names = [...top.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] as string).filter((n) => n !== 'help');
    expect(names.length).toBeGreaterThanOrEqual(17);
    for (const name of names) {
      const r = await runMain([name, '--help'], home, '2025-01-15T18:00:00Z');
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(/Examples?:\n\s+\$ portfolio/);
    }
  });
});
