import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('portfolio binary', () => {
  it('prints its version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
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
    const top = await runCli(['--help']);
    const names = [...top.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] as string).filter((n) => n !== 'help');
    expect(names.length).toBeGreaterThanOrEqual(17);
    for (const name of names) {
      const r = await runCli([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(/Examples?:\n\s+\$ portfolio/);
    }
  });
});
