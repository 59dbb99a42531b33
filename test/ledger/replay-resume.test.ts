import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishHoldings, newHoldingsState, replayHoldings, type CostMethod } from '../../src/core/holdings.js';
import type { NewTransaction, Transaction } from '../../src/core/types.js';
import { loadFx } from '../../src/ledger/fx-rates.js';
import { ledgerSummary, REPLAY_RULES, replayLedger, storedSummary } from '../../src/ledger/positions-snapshot.js';
import { resumeReplay } from '../../src/ledger/replay-resume.js';
import { decodeReplayState, encodeReplayState } from '../../src/ledger/replay-state.js';
import { seededRandom } from '../../src/market/symbols.js';
import { openDb, type Db } from '../../src/store/db.js';
import { ledgerStamp, readReplayState } from '../../src/store/positions-cache.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { tempDir } from '../helpers/tmp.js';
import { tx } from '../returns/helpers.js';

const KEYS: [CostMethod, string][] = [
  ['avg', 'USD'],
  ['fifo', 'USD'],
  ['avg', 'EUR'],
  ['fifo', 'GBP'],
];
// AAPL/MSFT in USD, SAP.DE in EUR (history from 2021), VOD.L in GBP (a latest quote only).
const SYMBOLS: [string, string, string][] = [
  ['AAPL', 'USD', 'default'],
  ['MSFT', 'USD', 'ira'],
  ['SAP.DE', 'EUR', 'eu'],
  ['VOD.L', 'GBP', 'uk'],
];


const day = (iso: string, plus: number): string => new Date(Date.parse(iso) + plus * 86_400_000).toISOString().slice(0, 10);

/** n random rows dated from `from` on, in date order: trades (some oversold), splits, transfers, income, cash. */
function rows(random: () => number, n: number, from: string): NewTransaction[] {
  const out: NewTransaction[] = [];
  let date = from;
  for (let i = 0; i < n; i++) {
    if (random() < 0.3) date = day(date, Math.floor(random() * 20));
    const [symbol, currency, account] = SYMBOLS[Math.floor(random() * SYMBOLS.length)] as [string, string, string];
    const r = random();
    const price = Math.round((5 + random() * 300) * 100) / 100;
    const fee = random() < 0.5 ? 0 : Math.round(random() * 500) / 100;
    const q = random() < 0.2 ? Math.round(random() * 1000) / 1000 : 1 + Math.floor(random() * 40);
    if (r < 0.4) out.push(tx({ date, type: 'buy', symbol, quantity: q, price, fee, currency, account }));
    else if (r < 0.6) out.push(tx({ date, type: 'sell', symbol, quantity: q, price, fee, currency, account }));
    else if (r < 0.64) out.push(tx({ date, type: 'split', symbol, ratio: random() < 0.5 ? '2:1' : '1:3', currency, account }));
    else if (r < 0.68) out.push(tx({ date, type: 'transfer', symbol, quantity: 1, currency, account, toAccount: 'moved' }));
    else if (r < 0.78) out.push(tx({ date, type: 'dividend', symbol, amount: Math.round(random() * 5000) / 100, currency, account }));
    else if (r < 0.83) out.push(tx({ date, type: 'tax', symbol, amount: Math.round(random() * 500) / 100, currency, account }));
    else if (r < 0.88) out.push(tx({ date, type: 'fee', amount: Math.round(random() * 900) / 100, currency, account }));
    else out.push(tx({ date, type: random() < 0.8 ? 'deposit' : 'withdrawal', amount: Math.round(random() * 1e6) / 100, currency, account }));
  }
  return out;
}

function setUp(seed: number): { d: Db; random: () => number } {
  const random = seededRandom(seed);
  const d = openDb(join(tempDir(), 'portfolio.db'));
  const close = d.prepare("INSERT INTO daily_closes (symbol, date, close, source) VALUES (?, ?, ?, 'yahoo') ON CONFLICT(symbol, date) DO UPDATE SET close = excluded.close");
  d.transaction(() => {
    for (let t = Date.parse('2021-01-04'); t < Date.parse('2025-06-01'); t += 86_400_000 * (2 + Math.floor(random() * 6))) close.run('EURUSD=X', new Date(t).toISOString().slice(0, 10), 1 + random() * 0.3);
  })();
  quote(d, 'USDGBP=X', 0.79);
  insertTransactions(d, rows(random, 150, '2020-06-01'));
  return { d, random };
}

function quote(d: Db, symbol: string, price: number): void {
  d.prepare(
    `INSERT INTO quotes (symbol, price, previous_close, currency, name, market_time, market_state, exchange_timezone, fetched_at, source)
     VALUES (?, ?, NULL, 'USD', NULL, '2024-06-05T15:00:00Z', 'REGULAR', 'America/New_York', '2024-06-05T15:00:00Z', 'yahoo')
     ON CONFLICT(symbol) DO UPDATE SET price = excluded.price`,
  ).run(symbol, price);
}

const lastDate = (d: Db): string => d.prepare('SELECT MAX(date) FROM transactions').pluck().get() as string;

/** Whether the stored state can be resumed now (a trial run on its own FX table: nothing is written). */
const resumable = (d: Db, method: CostMethod, base: string): boolean => resumeReplay(d, method, base, loadFx(d, base), ledgerStamp(d) as NonNullable<ReturnType<typeof ledgerStamp>>, REPLAY_RULES) !== null;

/** For every key: the summary served now (stored, resumed or replayed) is the full replay's, FX notes included. */
function expectFullReplay(d: Db): void {
  for (const [method, base] of KEYS) {
    const fx = loadFx(d, base);
    const got = ledgerSummary(d, method, base, fx);
    const fullFx = loadFx(d, base);
    const want = replayLedger(d, method, base, fullFx);
    expect(got).toEqual(want);
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
    expect(fx.warnings()).toEqual(fullFx.warnings());
    expect(storedSummary(d, method, base)).toEqual(want);
  }
}

describe('resumed holdings replay', () => {
  it('replays only the rows appended after the stored state, to the full replay’s numbers', () => {
    for (const seed of [11, 12]) {
      const { d, random } = setUp(seed);
      expectFullReplay(d);
      expect(replayLedger(d, 'avg', 'USD', loadFx(d, 'USD')).fxNotes.length).toBeGreaterThan(0);
      for (let round = 0; round < 4; round++) {
        // Appended rows: the first on the ledger's last date, later ones after it (an import, an add).
        insertTransactions(d, rows(random, 1 + Math.floor(random() * 30), lastDate(d)));
        for (const [method, base] of KEYS) {
          expect(storedSummary(d, method, base)).toBeNull();
          expect(resumable(d, method, base)).toBe(true);
        }
        expectFullReplay(d);
      }
      d.close();
    }
  });

  it('replays the whole ledger when anything but an append changed it', () => {
    const { d, random } = setUp(21);
    const changes: [string, () => void][] = [
      ['a row dated before the last one', () => insertTransactions(d, rows(random, 3, day(lastDate(d), -40)))],
      ['an edit', () => d.prepare("UPDATE transactions SET quantity = quantity * 2 WHERE type = 'buy' AND id % 5 = 0").run()],
      ['a delete', () => d.prepare('DELETE FROM transactions WHERE id = (SELECT MIN(id) FROM transactions)').run()],
      ['an append and a delete', () => {
        insertTransactions(d, rows(random, 2, lastDate(d)));
        d.prepare("DELETE FROM transactions WHERE id = (SELECT MIN(id) FROM transactions WHERE type = 'buy')").run();
      }],
      ['a new FX close', () => d.prepare("INSERT INTO daily_closes (symbol, date, close, source) VALUES ('EURUSD=X', '2022-06-15', 2, 'manual') ON CONFLICT(symbol, date) DO UPDATE SET close = 2").run()],
      // GBP trades converted at the latest quote: a new quote changes what they are worth.
      ['a new latest FX quote', () => quote(d, 'USDGBP=X', 0.5)],
    ];
    expectFullReplay(d);
    for (const [what, change] of changes) {
      change();
      expect(resumable(d, 'avg', 'USD'), what).toBe(false);
      expectFullReplay(d);
      // After the full replay an append resumes again.
      insertTransactions(d, rows(random, 2, lastDate(d)));
      expect(resumable(d, 'avg', 'USD'), what).toBe(true);
      expectFullReplay(d);
    }
    d.close();
  });

  it('stores the state again once many rows were appended since it was made', () => {
    const { d, random } = setUp(31);
    expectFullReplay(d);
    const markOf = (): number => {
      const bytes = readReplayState(d, 'fifo', 'USD') as Buffer;
      return (decodeReplayState(bytes, {})?.mark.maxId as number) ?? -1;
    };
    const first = markOf();
    insertTransactions(d, rows(random, 5, lastDate(d)));
    expectFullReplay(d);
    expect(markOf()).toBe(first); // a few rows: the stored state stays
    insertTransactions(d, rows(random, 2100, lastDate(d)));
    expectFullReplay(d);
    expect(markOf()).toBe(d.prepare('SELECT MAX(id) FROM transactions').pluck().get());
    insertTransactions(d, rows(random, 3, lastDate(d)));
    expect(resumable(d, 'fifo', 'USD')).toBe(true);
    expectFullReplay(d);
    d.close();
  });

  it('keeps NaN, infinities and -0 through the stored state', () => {
    const options = { costMethod: 'fifo' as const, baseCurrency: 'USD', rateAt: () => NaN };
    const state = newHoldingsState(options);
    const txs: Transaction[] = [
      { id: 1, date: '2024-01-02', type: 'buy', symbol: 'X', quantity: 3, price: 10, amount: null, fee: 0, currency: 'CHF', account: 'a', note: null, ratio: null },
      { id: 2, date: '2024-01-03', type: 'sell', symbol: 'X', quantity: 1, price: 12, amount: null, fee: 0, currency: 'CHF', account: 'a', note: null, ratio: null },
    ];
    replayHoldings(state, txs, options);
    const p = state.positions.get('X');
    if (!p) throw new Error('no position');
    p.dividends = -0;
    p.fees = Infinity;
    p.taxes = -Infinity;
    const bytes = encodeReplayState(state, { maxId: 2, lastDate: '2024-01-03', count: 2, rules: REPLAY_RULES, version: 2, fxQuoteVersion: null, fxNotes: [] });
    const back = decodeReplayState(bytes, options);
    if (!back) throw new Error('not decoded');
    const q = back.state.positions.get('X');
    expect(Object.is(q?.dividends, -0)).toBe(true);
    expect([q?.fees, q?.taxes, q?.realizedBase]).toEqual([Infinity, -Infinity, NaN]);
    expect(finishHoldings(back.state, 'fifo')).toEqual(finishHoldings(state, 'fifo'));
    expect(decodeReplayState(bytes.subarray(0, bytes.length - 8), options)).toBeNull();
  });
});
