#!/usr/bin/env node
/**
 * Imports a generated 100,000-row broker statement and reports time and peak memory:
 *
 *   npm run build && node bench/import-statement.js [--rows 100000] [--format ibkr-xml|ibkr-csv|ghostfolio|portfolio] [--keep]
 *
 * Each format is written to a temp folder, then imported by a fresh node process running the
 * built CLI (`portfolio import FILE`) into an empty database; the child reports its wall time and
 * its CPU time (user + system: what a busy machine inflates least) and its peak resident memory
 * (process.resourceUsage().maxRSS). The same file is then imported
 * again (everything already there: nothing added). Rows: 60% trades over 500 symbols (buys, and
 * sells of half of what a symbol holds), 40% dividends with withholding tax. `--keep` leaves the
 * generated files (and the databases) in the temp folder it prints, e.g. for `node --cpu-prof`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);

if (args[0] === '--child') {
  const { main } = await import(join(ROOT, 'dist', 'cli', 'main.js'));
  const t = performance.now();
  const code = await main(['node', 'portfolio', 'import', args[1]], { env: { ...process.env } });
  const ms = performance.now() - t;
  const u = process.resourceUsage();
  process.stderr.write(`${JSON.stringify({ code, ms, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 })}\n`);
  process.exit(0);
}

const ROWS = Number(opt('rows', '100000'));
const formats = opt('format', 'ibkr-xml,ibkr-csv,ghostfolio,portfolio').split(',');

function* events(n) {
  const held = new Map();
  let day = Date.UTC(2010, 0, 4);
  for (let i = 0; i < n; i++) {
    if (i % 40 === 0) day += 86_400_000;
    const date = new Date(day).toISOString().slice(0, 10);
    const sym = `S${String(i % 500).padStart(3, '0')}`;
    const h = held.get(sym) ?? 0;
    const r = i % 10;
    if (r < 4 || h < 2) {
      held.set(sym, h + 10);
      yield { i, date, kind: 'buy', sym, qty: 10, price: 20 + (i % 37) };
    } else if (r < 6) {
      const q = Math.floor(h / 2);
      held.set(sym, h - q);
      yield { i, date, kind: 'sell', sym, qty: q, price: 25 + (i % 29) };
    } else if (r < 8) yield { i, date, kind: 'div', sym, amount: 12.5 };
    else yield { i, date, kind: 'tax', sym, amount: 1.88 };
  }
}

const compact = (d) => d.replaceAll('-', '');
const writers = {
  'ibkr-xml': (n) => {
    const trades = [];
    const cash = [];
    for (const e of events(n)) {
      if (e.kind === 'buy' || e.kind === 'sell') {
        const q = e.kind === 'buy' ? e.qty : -e.qty;
        trades.push(`<Trade assetCategory="STK" symbol="${e.sym}" listingExchange="NYSE" currency="USD" tradeDate="${compact(e.date)}" quantity="${q}" tradePrice="${e.price}" ibCommission="-1" ibCommissionCurrency="USD" buySell="${e.kind.toUpperCase()}" transactionID="${e.i}" levelOfDetail="EXECUTION" />`);
      } else {
        cash.push(`<CashTransaction type="${e.kind === 'div' ? 'Dividends' : 'Withholding Tax'}" symbol="${e.sym}" listingExchange="NYSE" currency="USD" dateTime="${compact(e.date)};202000" amount="${e.kind === 'div' ? e.amount : -e.amount}" description="${e.sym} CASH DIVIDEND" transactionID="${e.i}" />`);
      }
    }
    return ['<FlexQueryResponse queryName="bench" type="AF"><FlexStatements count="1"><FlexStatement accountId="U1" fromDate="20100101" toDate="20301231">', '<Trades>', ...trades, '</Trades><CashTransactions>', ...cash, '</CashTransactions></FlexStatement></FlexStatements></FlexQueryResponse>'].join('\n');
  },
  'ibkr-csv': (n) => {
    const rows = ['"HEADER","TRNT","Symbol","ListingExchange","CurrencyPrimary","TradeDate","Quantity","TradePrice","IBCommission","IBCommissionCurrency","Buy/Sell","TransactionID","LevelOfDetail"', '"HEADER","CTRN","Type","Symbol","CurrencyPrimary","SettleDate","Amount","Description","TransactionID"'];
    for (const e of events(n)) {
      if (e.kind === 'buy' || e.kind === 'sell') rows.push(`"DATA","TRNT","${e.sym}","NYSE","USD","${compact(e.date)}","${e.kind === 'buy' ? e.qty : -e.qty}","${e.price}","-1","USD","${e.kind.toUpperCase()}","${e.i}","EXECUTION"`);
      else rows.push(`"DATA","CTRN","${e.kind === 'div' ? 'Dividends' : 'Withholding Tax'}","${e.sym}","USD","${compact(e.date)}","${e.kind === 'div' ? e.amount : -e.amount}","${e.sym} CASH DIVIDEND","${e.i}"`);
    }
    return rows.join('\n');
  },
  ghostfolio: (n) => {
    const acts = [];
    for (const e of events(n)) {
      if (e.kind === 'tax') continue;
      acts.push(JSON.stringify({ id: `a${e.i}`, accountId: null, comment: null, currency: 'USD', dataSource: 'YAHOO', date: `${e.date}T00:00:00.000Z`, fee: e.kind === 'div' ? 1.88 : 1, quantity: e.kind === 'div' ? 1 : e.qty, symbol: e.sym, type: e.kind === 'div' ? 'DIVIDEND' : e.kind.toUpperCase(), unitPrice: e.kind === 'div' ? e.amount : e.price }));
    }
    return `{"meta":{"date":"2030-01-01T00:00:00.000Z","version":"bench"},"activities":[\n${acts.join(',\n')}\n]}`;
  },
  portfolio: (n) => {
    const rows = ['date,type,symbol,quantity,price,amount,fee,currency,account'];
    for (const e of events(n)) {
      if (e.kind === 'buy' || e.kind === 'sell') rows.push(`${e.date},${e.kind},${e.sym},${e.qty},${e.price},,1,USD,U1`);
      else rows.push(`${e.date},${e.kind === 'div' ? 'dividend' : 'tax'},${e.sym},,,${e.amount},,USD,U1`);
    }
    return rows.join('\n');
  },
};
const ext = { 'ibkr-xml': 'xml', 'ibkr-csv': 'csv', ghostfolio: 'json', portfolio: 'csv' };

const dir = mkdtempSync(join(tmpdir(), 'portfolio-import-bench-'));
try {
  console.log(`rows ${ROWS}`);
  console.log('format      file MB   import s (cpu s)   peak RSS MB   again s (cpu s)   again RSS MB');
  for (const f of formats) {
    const file = join(dir, `statement-${f}.${ext[f]}`);
    writeFileSync(file, writers[f](ROWS));
    const home = mkdtempSync(join(dir, `home-${f}-`));
    const env = { ...process.env, PORTFOLIO_HOME: home, PORTFOLIO_PROVIDER: 'sim', PORTFOLIO_NOW: '2031-01-01T12:00:00Z' };
    const run = () => {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
      const last = r.stderr.trim().split('\n').pop() ?? '';
      try {
        return JSON.parse(last);
      } catch {
        throw new Error(`import of ${f} failed: ${r.stderr.slice(0, 2000)}`);
      }
    };
    const first = run();
    const again = run();
    if (first.code !== 0 || again.code !== 0) throw new Error(`${f}: exit ${first.code}/${again.code}`);
    const { statSync } = await import('node:fs');
    console.log(
      `${f.padEnd(10)}  ${(statSync(file).size / 1e6).toFixed(1).padStart(7)}   ${(first.ms / 1000).toFixed(2).padStart(8)} (${(first.cpuMs / 1000).toFixed(2)})   ${first.maxRssMb.toFixed(0).padStart(11)}   ${(again.ms / 1000).toFixed(2).padStart(7)} (${(again.cpuMs / 1000).toFixed(2)})   ${again.maxRssMb.toFixed(0).padStart(12)}`,
    );
  }
} finally {
  if (args.includes('--keep')) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
