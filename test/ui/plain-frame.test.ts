import { describe, expect, it } from 'vitest';
import { buildFrame, EMPTY_HELP, type FrameInput } from '../../src/ui/frame.js';
import { plainFrameLines, renderPlainFrame } from '../../src/ui/plain-frame.js';
import { layoutTable } from '../../src/ui/table-layout.js';
import { eraseLines } from '../../src/ui/terminal.js';
import { holding, mixedReport, report } from './report-fixture.js';

function input(over: Partial<FrameInput> = {}): FrameInput {
  return { report: mixedReport(), sort: 'value', selected: 'AAPL', columns: 140, rows: 40, elapsedSeconds: 0, status: 'cached prices', unread: 0, showCharts: true, ...over };
}

describe('plain first frame', () => {
  it('shows the header totals, every column and the legend at full width', () => {
    const lines = renderPlainFrame(input(), false);
    expect(lines[0]).toBe('Value 3,100.00 USD · Day +30.00 (+1.17%) · Gain +1,000.00 (+41.67%) · Cash 500.00');
    expect(lines[1]).toBe('cached prices · sort: value');
    const header = lines[2] as string;
    for (const title of ['age', 'symbol', 'name', 'qty', 'price', 'day', 'day %', 'value', 'gain', 'gain %', 'weight', 'freshness']) {
      expect(header).toContain(title);
    }
    expect(lines.at(-1)).toContain('● fresh  ○ stale  ✕ missing');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(140);
  });

  it('marks freshness with a symbol and words, not colour alone, with the age and the reason', () => {
    const lines = renderPlainFrame(input(), false);
    const row = (sym: string) => lines.find((l) => l.includes(` ${sym} `)) as string;
    expect(row('AAPL')).toMatch(/^● 12s\s+AAPL .* fresh/);
    expect(row('VOD.L')).toMatch(/^○ 3h\s+VOD\.L .* stale · provider backing off/);
    expect(row('ZZZZ')).toMatch(/^✕\s+ZZZZ .* missing · unknown symbol/);
    // Ages keep counting from the report's time.
    const later = renderPlainFrame(input({ elapsedSeconds: 60 }), false);
    expect(later.find((l) => l.includes(' AAPL '))).toMatch(/^● 1m/);
  });

  it('puts the reason a symbol did not refresh on its row, only while it is not fresh', () => {
    const lines = renderPlainFrame(input({ columns: 160, selected: 'VOD.L', failures: { 'VOD.L': 'provider backing off (circuit open)', AAPL: 'not refreshed: HTTP 503' } }), false);
    expect(lines.find((l) => l.includes(' VOD.L '))).toContain('stale · provider backing off (circ');
    // The detail line of the selected row has the whole reason.
    expect(lines.find((l) => l.startsWith('VOD.L VOD.L Corp'))).toContain('○ stale · provider backing off (circuit open); provider backing off');
    expect(lines.find((l) => l.includes(' AAPL '))).not.toContain('503');
  });

  it("the detail line says where the selected row's price came from", () => {
    const r = mixedReport();
    r.holdings = r.holdings.map((h) => (h.symbol === 'AAPL' ? { ...h, priceSource: 'tiingo' } : h));
    const lines = renderPlainFrame(input({ report: r }), false);
    expect(lines.find((l) => l.startsWith('AAPL '))).toMatch(/fresh.* via tiingo/);
    expect(renderPlainFrame(input({ report: r, selected: 'VOD.L' }), false).find((l) => l.startsWith('VOD.L '))).not.toContain('via');
  });

  it('drops columns by priority on narrow terminals and never exceeds the width', () => {
    for (const columns of [100, 80, 60, 40, 30]) {
      const lines = renderPlainFrame(input({ columns }), false);
      for (const l of lines) expect(l.length, `${columns}: ${l}`).toBeLessThanOrEqual(columns);
      const header = lines[2] as string;
      expect(header).toContain('symbol');
      expect(header).toContain('value');
    }
    const narrow = renderPlainFrame(input({ columns: 60 }), false)[2] as string;
    expect(narrow).not.toContain('name');
    expect(narrow).not.toContain('qty');
    const layout = layoutTable(mixedReport().holdings, 40);
    expect(layoutTable(mixedReport().holdings, 24).columns.map((c) => c.id)).toEqual(['age', 'symbol', 'value']);
    expect(layout.columns.map((c) => c.id)).toEqual(['age', 'symbol', 'price', 'dayPct', 'value']);
  });

  it('gives a freshness column that only says "fresh" no more room than that, so names stay whole', () => {
    const rows = ['Vanguard Total Stock Market ETF', 'NVIDIA Corporation', 'Apple Inc.'].map((name, i) =>
      holding(`S${i}`, { name, freshness: 'fresh', freshnessReason: null }),
    );
    const layout = layoutTable(report(rows).holdings, 120);
    const width = (id: string) => layout.columns.find((c) => c.id === id)?.width;
    expect(width('why')).toBe('freshness'.length);
    const names = report(rows).holdings.map((h) => layout.cells(h)[layout.columns.findIndex((c) => c.id === 'name')]?.text.trim());
    expect(names).toContain('NVIDIA Corporation');
    expect(names).toContain('Vanguard Total Stock Mark…'); // the name column's own cap (26)
  });

  it('sizes columns of a big table from its extremes as wide as a full measurement would', () => {
    const rows = Array.from({ length: 500 }, (_, i) =>
      holding(`S${i}`, { price: i === 7 ? 0.000123 : 10 + ((i * 7919) % 100_000) / 7, quantity: i === 3 ? 0.1234 : 1 + ((i * 104_729) % 5000), name: i === 400 ? 'A Very Long Company Name Indeed' : `N${i}` }),
    );
    const big = report(rows);
    const layout = layoutTable(big.holdings, 400);
    for (const col of layout.columns) {
      const texts = big.holdings.map((h) => layout.cells(h)[layout.columns.indexOf(col)]?.text.trimEnd().trimStart() ?? '');
      // No cell of any row was cut.
      if (col.id === 'name') continue; // capped at 26 columns on purpose
      for (const t of texts) expect(t.endsWith('…'), `${col.id}: ${t}`).toBe(false);
    }
  });

  it('keeps the frame below the terminal height and scrolls to the selected row', () => {
    const many = report(Array.from({ length: 200 }, (_, i) => holding(`S${String(i).padStart(3, '0')}`, { price: 1000 - i })));
    const model = buildFrame(input({ report: many, rows: 30, selected: 'S150' }));
    const lines = plainFrameLines(model, 140, false);
    expect(lines.length).toBeLessThanOrEqual(29);
    expect(model.visible.some((r) => r.selected && r.holding.symbol === 'S150')).toBe(true);
    expect(model.above).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('151/200');
  });

  it('mentions report warnings (FX, ledger) on the status line, cut to the width', () => {
    const r = { ...mixedReport(), warnings: ['no FX rate for EUR→USD: EUR amounts left out of the totals; run "portfolio warm"', 'no price cached for ZZZZ: left out'] };
    const lines = renderPlainFrame(input({ report: r, columns: 80 }), false);
    expect(lines[1]).toMatch(/^cached prices · ⚠ no FX rate for EUR→USD.*…$/);
    expect(lines[1]?.length).toBeLessThanOrEqual(80);
  });

  it('shows how to start when the database is empty', () => {
    const lines = renderPlainFrame(input({ report: report([]), selected: null }), false);
    for (const l of EMPTY_HELP) expect(lines).toContain(l);
    expect(lines.join('\n')).toMatch(/portfolio import FILE\.csv[\s\S]*portfolio add [\s\S]*portfolio demo/);
  });

  it('colours only when asked (NO_COLOR gives plain text)', () => {
    expect(renderPlainFrame(input(), false).join('\n')).not.toContain('\x1b[');
    expect(renderPlainFrame(input(), true).join('\n')).toContain('\x1b[32m');
  });

  it('erases exactly the lines it is asked to', () => {
    expect(eraseLines(0)).toBe('');
    expect(eraseLines(3)).toBe('\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[G');
  });
});
