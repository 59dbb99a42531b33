import { describe, expect, it } from 'vitest';
import { isoToDay } from '../../src/core/dates.js';
import { createSimProvider } from '../../src/market/providers/sim.js';
import { SIM_CLASS_PARAMS, SIM_KNOWN } from '../../src/market/sim-known.js';
import { isSimTradingDay, simClose, simSymbol, simTradedClose } from '../../src/market/sim-prices.js';

const closes = (symbol: string, from: string, to: string, seed = 1) => {
  const s = simSymbol(symbol, seed);
  const out: number[] = [];
  for (let d = isoToDay(from); d <= isoToDay(to); d++) if (isSimTradingDay(s, d)) out.push(simClose(s, d));
  return out;
};

/** Annualized volatility of daily log returns. */
function annualVol(xs: number[], perYear: number): number {
  const r = xs.slice(1).map((x, i) => Math.log(x / (xs[i] as number)));
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt((r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1)) * perYear);
}

describe('simulated price levels', () => {
  it('pass through the known levels of known symbols, whatever the seed', () => {
    for (const [symbol, known] of Object.entries(SIM_KNOWN)) {
      for (const [date, level] of Object.entries(known.levels)) {
        for (const seed of [1, 7]) expect(simClose(simSymbol(symbol, seed), isoToDay(date)), `${symbol} ${date}`).toBeCloseTo(level, 3);
      }
    }
  });

  it('stay in a believable band between known levels and for two years after the last', () => {
    for (const [symbol, known] of Object.entries(SIM_KNOWN)) {
      const levels = Object.values(known.levels);
      const xs = closes(symbol, '2021-01-04', '2026-12-31');
      const band = known.assetClass === 'crypto' ? 4 : 3; // coins have tripled in a year before
      expect(Math.min(...xs), symbol).toBeGreaterThan(Math.min(...levels) / band);
      expect(Math.max(...xs), symbol).toBeLessThan(Math.max(...levels) * band);
    }
    // The defects that prompted the levels: coins, London pence and a total-market ETF.
    const at = (symbol: string, date: string) => simClose(simSymbol(symbol), isoToDay(date));
    expect(at('BTC-USD', '2026-11-27')).toBeGreaterThan(at('ETH-USD', '2026-11-27') * 10);
    expect(at('VOD.L', '2026-11-27')).toBeGreaterThan(40); // pence
    expect(at('VOD.L', '2026-11-27')).toBeLessThan(250);
    expect(at('ULVR.L', '2026-11-27')).toBeGreaterThan(2_500);
    expect(at('VTI', '2026-11-27') / at('VTI', '2021-01-04')).toBeGreaterThan(1);
  });

  it('move like their asset class: coins most, bonds least', () => {
    const vol = (symbol: string, perYear: number) => annualVol(closes(symbol, '2021-01-04', '2026-11-27'), perYear);
    const btc = vol('BTC-USD', 365);
    const vti = vol('VTI', 252);
    const bnd = vol('BND', 252);
    expect(btc).toBeGreaterThan(vti * 1.8);
    expect(vti).toBeGreaterThan(bnd * 1.8);
    // Within a loose band of the configured volatility (the walk is synthetic, not exact).
    expect(btc).toBeGreaterThan(SIM_CLASS_PARAMS.crypto.vol * 0.5);
    expect(btc).toBeLessThan(SIM_CLASS_PARAMS.crypto.vol * 1.6);
    expect(bnd).toBeLessThan(SIM_CLASS_PARAMS.bond.vol * 1.6);
  });

  it('give unknown symbols a deterministic seeded level of their kind', () => {
    for (const symbol of ['ZZTOP', 'ZZTOP.L', 'ZZC-USD', 'CHFSEK=X']) {
      const a = closes(symbol, '2024-01-01', '2025-12-31');
      expect(a.length).toBeGreaterThan(400);
      expect(closes(symbol, '2024-01-01', '2025-12-31')).toEqual(a);
      expect(closes(symbol, '2024-01-01', '2025-12-31', 2)).not.toEqual(a);
      expect(a.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
    }
    const mid = (symbol: string) => simClose(simSymbol(symbol), isoToDay('2025-01-02'));
    expect(mid('ZZTOP')).toBeGreaterThanOrEqual(10);
    expect(mid('ZZTOP')).toBeLessThan(500);
    expect(mid('ZZTOP.L')).toBeGreaterThanOrEqual(100); // pence
    expect(mid('USDUSD=X')).toBe(1);
  });

  it('trade before a known split at N/M times the adjusted close, and report the split', async () => {
    const s = simSymbol('NVDA');
    const before = isoToDay('2024-06-07');
    expect(simTradedClose(s, before)).toBeCloseTo(simClose(s, before) * 10, 3);
    expect(simTradedClose(s, isoToDay('2024-06-10'))).toBe(simClose(s, isoToDay('2024-06-10')));
    const sim = createSimProvider({ now: () => new Date('2024-07-01T12:00:00Z') });
    const h = await sim.history('NVDA', '2024-06-03', '2024-06-14');
    expect(h.splits).toEqual([{ date: '2024-06-10', numerator: 10, denominator: 1 }]);
    const jump = (h.bars.find((b) => b.date === '2024-06-10')?.close ?? 0) / (h.bars.find((b) => b.date === '2024-06-07')?.close ?? 1);
    expect(jump).toBeGreaterThan(0.07);
    expect(jump).toBeLessThan(0.14);
    expect((await sim.history('NVDA', '2024-07-01', '2024-07-05')).splits).toEqual([]);
  });
});
