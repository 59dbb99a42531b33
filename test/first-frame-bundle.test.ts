import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/ui/first-frame.cjs`;

/** The dist modules rolldown put in the bundle (it heads each with `// dist/....js`). */
function bundledModules(): string[] {
  return [...readFileSync(bundle, 'utf8').matchAll(/^\/\/ (dist\/\S+\.js)$/gm)].map((m) => m[1] as string);
}

/** The source of a dist module: dist/ui/x.js -> src/ui/x.ts or .tsx. */
function sourceOf(dist: string): string {
  const base = `${root}src/${dist.slice('dist/'.length, -'.js'.length)}`;
  return existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.tsx`;
}

// `npm run build` writes the bundle (scripts/bundle-first-frame.js); `npm test` builds first.
describe('the first-frame bundle', () => {
  it('exists and holds the first-frame path', () => {
    expect(existsSync(bundle)).toBe(true);
    const modules = bundledModules();
    expect(modules).toContain('dist/ui/fast-start.js');
    expect(modules).toContain('dist/store/db.js');
    // Loaded after the first frame, never bundled.
    expect(modules.some((m) => m.startsWith('dist/market/'))).toBe(false);
  });

  it('is newer than every source it was built from', () => {
    const built = statSync(bundle).mtimeMs;
    const stale = bundledModules().filter((m) => statSync(sourceOf(m)).mtimeMs > built || statSync(`${root}${m}`).mtimeMs > built);
    expect(stale, 'run npm run build').toEqual([]);
  });

  it('is what bin/portfolio.js loads', () => {
    // A preload that reports each file the launcher require()s or import()s from dist/ui.
    const hook = `${root}test/helpers/report-loads.cjs`;
    const loadsOf = (args: string[]) =>
      execFileSync(process.execPath, ['--require', hook, `${root}bin/portfolio.js`, ...args], {
        env: { ...process.env, PORTFOLIO_HOME: `${root}.no-such-home` },
        encoding: 'utf8',
      })
        .split('\n')
        .filter((l) => l.startsWith('load '));
    // `dashboard --help` is looked at by the fast path (which declines it): from the bundle.
    const loads = loadsOf(['dashboard', '--help']);
    expect(loads).toContain('load dist/ui/first-frame.cjs');
    expect(loads).not.toContain('load dist/ui/fast-start.js');
    // Any other command cannot be a dashboard call: the bundle is not even loaded.
    expect(loadsOf(['--version'])).not.toContain('load dist/ui/first-frame.cjs');
  });
});
