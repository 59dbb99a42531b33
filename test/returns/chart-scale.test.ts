import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plotSeries } from '../../src/returns/chart-render.js';
import { chartLines } from '../../src/ui/chart-render.js';
import { openDb } from '../../src/store/db.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { addCloses } from './helpers.js';

const HUGE_308 = Number(`9${'9'.repeat(307)}`);

const cases: [string, number[]][] = [
  ['constant at 1e16', Array(30).fill(1e16)],
  ['rising past 2^53', Array.from({ length: 30 }, (_, i) => 1e16 + i * 1e15)],
  ['a 308-digit close', [1, 2, HUGE_308, 3]],
  ['both float extremes', [Number.MAX_VALUE, -Number.MAX_VALUE, 0]],
  ['tiny values', Array.from({ length: 20 }, (_, i) => (i + 1) * 1e-300)],
  ['constant small', Array(10).fill(42)],
  ['changes below float resolution', [1e16, 1e16 + 2, 1e16 + 4]],
  ['gaps', [NaN, 5, NaN, 7, Infinity, 6]],
];

describe('charts over any finite input', () => {
  it.each(cases)('the chart command plot draws %s in bounded size', (_name, series) => {
    const text = plotSeries([series], { columns: 80, rows: 20 }, false);
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(17);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
  });

  it.each(cases)('the dashboard panel draws %s in exactly its height', (_name, series) => {
    const lines = chartLines('t', series, 60, 10);
    expect(lines).toHaveLength(10);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
  });

  it('labels map back to the real values', () => {
    const text = plotSeries([[1e16, 2e16]], { columns: 60, rows: 12 }, false);
    expect(text).toContain('1.00e+16');
    expect(text).toContain('2.00e+16');
  });

  it('says why when nothing can be drawn', () => {
    expect(plotSeries([[NaN, NaN]], { columns: 60, rows: 12 }, false)).toMatch(/nothing to draw: no finite values/);
  });

  it('`chart SYMBOL` draws cached closes of 1e16 and above', async () => {
    const dir = tempDir();
    const db = openDb(join(dir, 'portfolio.db'));
    addCloses(db, [
      ['BIG', '2024-06-03', 1e16],
      ['BIG', '2024-06-04', 1e16],
      ['BIG', '2024-06-05', HUGE_308],
    ]);
    db.close();
    const r = await runMain(['chart', 'BIG', '--range', '1M'], { env: { PORTFOLIO_HOME: dir, NO_COLOR: '1' }, now: '2024-06-05T20:00:00Z' });
    expect(r.stderr).not.toMatch(/Invalid|Error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1\.00e\+308/);
  });
});
