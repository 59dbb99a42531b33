/**
 * Done-when for issue 13, in-process through main(argv, options) with a pinned clock: with Yahoo
 * refusing everything, `portfolio warm` prices stocks (Tiingo), crypto (CoinGecko) and FX (ECB),
 * says where each price came from and exits 0; without a key it names the symbols that had no
 * provider left and how to add one, and exits 75.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openDb } from '../../src/store/db.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { startFakeCoinGecko, type FakeCoinGecko } from '../helpers/fake-coingecko.js';
import { startFakeEcb, type FakeEcb } from '../helpers/fake-ecb.js';
import { startFakeTiingo, type FakeTiingo } from '../helpers/fake-tiingo.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

// Wednesday, US market open.
const NOW = new Date('2025-03-05T15:00:00Z');
let fakes: { yahoo: FakeYahoo; ecb: FakeEcb; gecko: FakeCoinGecko; tiingo: FakeTiingo } | undefined;
afterEach(async () => {
  if (fakes) await Promise.all(Object.values(fakes).map((f) => f.close()));
  fakes = undefined;
});

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb(); } });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

async function home(withKey: boolean) {
  fakes = {
    yahoo: await startFakeYahoo({ now: () => NOW, failRate: 1, failStatus: 403 }),
    ecb: await startFakeEcb(),
    gecko: await startFakeCoinGecko({ now: () => NOW }),
    tiingo: await startFakeTiingo(),
  };
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    // Yahoo refuses at once (403); the timeouts stay generous, as every provider shares them and a
    // loaded machine must not turn a slow Tiingo answer into a counted failure.
    yahoo: { retries: 1, backoffMs: 10 },
    breaker: { failureThreshold: 2, cooldownSeconds: 600 },
    coingecko: { requestsPerSecond: 50 }, tiingo: { requestsPerSecond: 50 },
  }), { mode: 0o600 });
  const db = openDb(join(dir, 'portfolio.db'));
  buyEach(db, ['AAPL', 'MSFT', 'BRK.B', 'BTC-USD', 'ETH-USD']);
  const cash = (currency: string) => ({ date: '2025-01-02', type: 'deposit' as const, symbol: null, quantity: null, price: null, amount: 100, fee: 0, currency, account: 'default', note: null, ratio: null });
  insertTransactions(db, [cash('EUR'), cash('GBP')]);
  db.close();
  const env: NodeJS.ProcessEnv = {
    PORTFOLIO_HOME: dir,
    PORTFOLIO_YAHOO_URL: fakes.yahoo.url,
    PORTFOLIO_ECB_URL: fakes.ecb.url,
    PORTFOLIO_COINGECKO_URL: fakes.gecko.url,
    PORTFOLIO_TIINGO_URL: fakes.tiingo.url,
    ...(withKey ? { PORTFOLIO_TIINGO_KEY: fakes.tiingo.switches.key } : {}),
  };
  return async (argv: string[]) => {
    const out = sink();
    const err = sink();
    const code = await main(['node', 'portfolio', ...argv], { env, clock: { now: () => NOW }, stdout: out.stream, stderr: err.stream });
    return { code, stdout: out.text(), stderr: err.text() };
  };
}

describe('portfolio warm with Yahoo refusing everything', () => {
  it('prices stocks from Tiingo, crypto from CoinGecko and FX from the ECB, says so, exits 0', async () => {
    const run = await home(true);
    const r = await run(['warm']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/quotes 7 fetched, 0 fresh, 0 failed/);
    expect(r.stdout).toContain('prices from: tiingo 3, coingecko 2, ecb 2');
    expect(r.stdout + r.stderr).not.toContain((fakes as { tiingo: FakeTiingo }).tiingo.switches.key);

    const h = await run(['holdings', '--json']);
    expect(h.code).toBe(0);
    const rows = (JSON.parse(h.stdout) as { holdings: { symbol: string; price: number; priceSource: string }[] }).holdings;
    const by = Object.fromEntries(rows.map((x) => [x.symbol, [x.price, x.priceSource]]));
    expect(by).toMatchObject({ AAPL: [148.6, 'tiingo'], 'BRK.B': [expect.any(Number), 'tiingo'], 'BTC-USD': [5005.73, 'coingecko'], 'ETH-USD': [163.58, 'coingecko'] });

    const s = await run(['status', '--json']);
    const providers = (JSON.parse(s.stdout) as { providers: { name: string; circuit: string; requests24h: number; failures24h: number }[] }).providers;
    const p = Object.fromEntries(providers.map((x) => [x.name, x]));
    expect(p.tiingo).toMatchObject({ circuit: 'closed', failures24h: 0 });
    expect(p.tiingo?.requests24h).toBeGreaterThanOrEqual(1);
    expect(p.ecb).toMatchObject({ circuit: 'closed', failures24h: 0 });
    expect(p.yahoo?.failures24h).toBeGreaterThan(0);
    const text = await run(['status']);
    expect(text.stdout).toMatch(/tiingo\s+circuit closed/);
    expect(text.stdout).not.toContain((fakes as { tiingo: FakeTiingo }).tiingo.switches.key);
  });

  it('without a key: crypto and FX still priced, the stocks named with how to add a provider, exit 75', async () => {
    const run = await home(false);
    const r = await run(['warm']);
    expect(r.code).toBe(75);
    expect(r.stdout).toContain('prices from: coingecko 2, ecb 2');
    expect(r.stderr).toContain('portfolio: no provider left for AAPL, BRK.B, MSFT; add a keyed fallback: set PORTFOLIO_TIINGO_KEY');
    expect(r.stderr).toMatch(/AAPL \(quote\): no provider left \(yahoo: .*403/);
  });
});
