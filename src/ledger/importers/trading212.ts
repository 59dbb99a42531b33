/**
 * Trading 212 CSV (columns vary between exports: mapped by header). Trades and dividends are
 * recorded in the instrument's currency (`GBX` is pence: the shared validation divides by 100);
 * the account currency's fees and taxes that T212 adds to `Total` become their own fee rows.
 * Dividends: `Price / share` is net of withholding, so gross = shares x price + withholding tax
 * (and a tax row). Deposits, withdrawals, interest and card rows move the account's cash; currency
 * conversions are skipped; stock distributions are buys at 0; split close/open rows become a split.
 */
import { csvRecords } from './csv-records.js';
import { symbolFromIsin } from './symbols.js';
import { Collector, type ParseContext, type ParsedFile, type SourceRecord, type TextSource } from './types.js';

export function looksLikeTrading212(header: string[]): boolean {
  const h = new Set(header.map((x) => x.trim().toLowerCase()));
  return h.has('action') && (h.has('time') || h.has('time (utc)')) && h.has('total') && h.has('no. of shares');
}

const FEES = ['Currency conversion fee', 'Stamp duty reserve tax', 'French transaction tax', 'Finra fee', 'Transaction fee', 'Charge amount'];

export function parseTrading212(source: TextSource, ctx: ParseContext): ParsedFile {
  const out = new Collector('trading212');
  return { format: 'trading212', records: trading212Records(source, ctx, out), warnings: out.warnings };
}

async function* trading212Records(source: TextSource, ctx: ParseContext, out: Collector): AsyncGenerator<SourceRecord> {
  let header: string[] | null = null;
  const account = ctx.account ?? 'trading212';
  const splits = new Map<string, { close?: number; open?: number; line: number; where: string; symbol: string; date: string }>();
  for await (const { record, info } of csvRecords(source(), { relax_quotes: false })) {
    yield* out.drain();
    if (header === null) {
      header = record.map((h) => h.trim().toLowerCase());
      continue;
    }
    const cols = header;
    const line = info.lines;
    const where = String(line);
    if (record.length !== header.length) {
      out.fail(line, where, `has ${record.length} cells but the header has ${header.length}`);
      continue;
    }
    const get = (name: string): string => {
      const i = cols.indexOf(name.toLowerCase());
      return i >= 0 ? (record[i] ?? '').trim() : '';
    };
    const num = (name: string): number | null => {
      const v = get(name);
      if (v === '' || v === 'Not available') return null;
      const n = Number(v);
      return Number.isFinite(n) && /^-?[\d.]+$/.test(v) ? n : NaN;
    };
    const action = get('Action');
    const date = (get('Time') || get('Time (UTC)')).slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      out.fail(line, where, `Time "${get('Time') || get('Time (UTC)')}" is not a date`);
      continue;
    }
    const id = get('ID');
    const key = id ? `t212:${id}` : undefined;
    const total = num('Total');
    const totalCcy = get('Currency (Total)');
    const qty = num('No. of shares');
    const price = num('Price / share');
    const priceCcy = get('Currency (Price / share)');
    const symbol = (): string => {
      const isin = get('ISIN');
      return isin ? symbolFromIsin(isin, ctx, (m) => out.warn(where, `${m} (T212 ticker ${get('Ticker')})`)) : get('Ticker');
    };
    const bad = [['Total', total], ['No. of shares', qty], ['Price / share', price]].find(([, v]) => Number.isNaN(v));
    if (bad) {
      out.fail(line, where, `${bad[0] as string}: "${get(bad[0] as string)}" is not a number (the row's cells may be shifted)`);
      continue;
    }
    const base = { date, account, note: get('Notes') || get('Name') || undefined };
    const a = action.toLowerCase();
    if (a === 'deposit' || a === 'withdrawal' || a === 'card debit' || a === 'card credit' || a === 'spending cashback' || a === 'dividend adjustment') {
      if (total === null || total === 0) {
        out.warn(where, `${action} without a Total: skipped`);
        continue;
      }
      const type = a === 'withdrawal' || a === 'card debit' || total < 0 ? 'withdrawal' : 'deposit';
      out.add(line, where, { ...base, type, amount: Math.abs(total), currency: totalCcy }, key);
    } else if (a === 'interest on cash' || a === 'lending interest') {
      out.add(line, where, { ...base, type: 'interest', amount: total, currency: totalCcy }, key);
    } else if (/^(market|limit|stop|stop limit) (buy|sell)$/.test(a)) {
      const side = a.endsWith('buy') ? 'buy' : 'sell';
      let sameFee = 0;
      const s = symbol();
      FEES.forEach((name, k) => {
        const v = num(name);
        if (!v) return;
        const ccy = get(`Currency (${name})`) || totalCcy;
        if (ccy === priceCcy) sameFee += Math.abs(v);
        else out.add(line, `${where} ${name}`, { ...base, type: 'fee', symbol: s, amount: Math.abs(v), currency: ccy, note: name }, key && `${key}:fee${k}`);
      });
      out.add(line, where, { ...base, type: side, symbol: s, quantity: qty, price, fee: sameFee, currency: priceCcy }, key);
    } else if (a.startsWith('dividend (')) {
      const tax = num('Withholding tax') ?? 0;
      const taxCcy = get('Currency (Withholding tax)') || priceCcy;
      const s = symbol();
      if (qty !== null && price !== null && priceCcy) {
        const net = qty * price;
        const gross = taxCcy === priceCcy ? net + Math.abs(tax) : net;
        out.add(line, where, { ...base, type: 'dividend', symbol: s, amount: gross, currency: priceCcy }, key);
      } else out.add(line, where, { ...base, type: 'dividend', symbol: s, amount: total, currency: totalCcy }, key);
      if (tax !== 0) out.add(line, `${where} withholding`, { ...base, type: 'tax', symbol: s, amount: Math.abs(tax), currency: taxCcy, note: 'withholding tax' }, key && `${key}:tax`);
    } else if (a === 'stock distribution' || a === 'stock dividends' || a === 'scrip stock dividends') {
      out.add(line, where, { ...base, type: 'buy', symbol: symbol(), quantity: qty, price: 0, currency: priceCcy || totalCcy, note: action }, key);
    } else if (a === 'stock split open' || a === 'stock split close') {
      const k = `${get('ISIN')}|${date}`;
      const e = splits.get(k) ?? { line, where, symbol: symbol(), date };
      if (a.endsWith('open')) e.open = qty ?? NaN;
      else e.close = qty ?? NaN;
      splits.set(k, e);
    } else if (a === 'transfer out') {
      out.warn(where, `shares moved out of Trading 212: recorded as a transfer to the account "transferred-out"`);
      out.add(line, where, { date, type: 'transfer', symbol: symbol(), quantity: qty, account, to_account: 'transferred-out', note: get('Name') || undefined }, key);
    } else if (a === 'currency conversion') {
      out.warn(where, `currency conversion (${get('Notes')}) skipped: it changes no holding`);
    } else out.fail(line, where, `unknown Trading 212 action "${action}"`);
  }
  for (const s of splits.values()) {
    if (!(s.open && s.close && s.open > 0 && s.close > 0)) {
      out.fail(s.line, s.where, 'a stock split needs both its "Stock split close" and "Stock split open" rows with share counts');
      continue;
    }
    out.add(s.line, s.where, { date: s.date, type: 'split', symbol: s.symbol, ratio: `${s.open}:${s.close}`, account, note: 'Trading 212 stock split' });
  }
  yield* out.drain();
}
