/**
 * Portfolio Performance CSV export (File > Export > CSV, one file per account): 15 fixed columns,
 * headers in English or German (the column order is the fallback for other languages), `;` and
 * `1.234,56` in German files. PP has no price column: price = gross / shares. Buys and sells are
 * listed in both the account and the securities-account file with opposite signs, so the import
 * key ignores the sign and importing the second file adds them once. Quantities are already
 * split-adjusted (PP rewrites them), so no split rows are made.
 */
import { createHash } from 'node:crypto';
import { csvRecords } from './csv-records.js';
import { symbolFromIsin } from './symbols.js';
import { Collector, type ParseContext, type ParsedFile, type SourceRecord, type TextSource } from './types.js';

const COLUMNS = ['date', 'type', 'value', 'currency', 'gross', 'grosscurrency', 'rate', 'fees', 'taxes', 'shares', 'isin', 'wkn', 'ticker', 'name', 'note'] as const;
type Col = (typeof COLUMNS)[number];
const LABELS: Record<string, Col> = {
  date: 'date', datum: 'date', type: 'type', typ: 'type', value: 'value', wert: 'value',
  'transaction currency': 'currency', buchungswaehrung: 'currency', 'gross amount': 'gross', bruttobetrag: 'gross',
  'currency gross amount': 'grosscurrency', 'waehrung bruttobetrag': 'grosscurrency', 'exchange rate': 'rate', wechselkurs: 'rate',
  fees: 'fees', gebuehren: 'fees', taxes: 'taxes', steuern: 'taxes', shares: 'shares', stueck: 'shares', isin: 'isin', wkn: 'wkn',
  'ticker symbol': 'ticker', 'ticker-symbol': 'ticker', 'security name': 'name', wertpapiername: 'name', note: 'note', notiz: 'note',
};
const TYPES: Record<string, string> = {
  buy: 'buy', kauf: 'buy', sell: 'sell', verkauf: 'sell', dividend: 'dividend', dividende: 'dividend', interest: 'interest', zinsen: 'interest',
  'interest charge': 'fee', zinsbelastung: 'fee', fees: 'fee', gebuehren: 'fee', 'fees refund': 'fees refund', gebuehrenerstattung: 'fees refund',
  taxes: 'tax', steuern: 'tax', 'tax refund': 'tax_refund', steuerrueckerstattung: 'tax_refund', deposit: 'deposit', einlage: 'deposit',
  withdrawal: 'withdrawal', removal: 'withdrawal', entnahme: 'withdrawal', 'delivery (inbound)': 'delivery in', einlieferung: 'delivery in',
  'delivery (outbound)': 'delivery out', auslieferung: 'delivery out', 'transfer (inbound)': 'transfer', 'umbuchung (eingang)': 'transfer',
  'transfer (outbound)': 'transfer', 'umbuchung (ausgang)': 'transfer',
};

const fold = (s: string): string => s.trim().toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');

export function looksLikePp(header: string[]): boolean {
  const cols = header.map((h) => LABELS[fold(h)]);
  return cols.includes('date') && cols.includes('type') && cols.includes('value') && cols.includes('shares');
}

/** `head`: the file's first bytes, whose first line tells `;` (German) from `,`. */
export function parsePp(source: TextSource, head: string, ctx: ParseContext): ParsedFile {
  const out = new Collector('pp');
  return { format: 'pp', records: ppRecords(source, head, ctx, out), warnings: out.warnings };
}

async function* ppRecords(source: TextSource, head: string, ctx: ParseContext, out: Collector): AsyncGenerator<SourceRecord> {
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = first.split(';').length > first.split(',').length ? ';' : ',';
  const decimalComma = delimiter === ';';
  let header: (Col | undefined)[] | null = null;
  const account = ctx.account ?? 'pp';
  for await (const { record, info } of csvRecords(source(), { delimiter, trim: true, relax_quotes: false })) {
    yield* out.drain();
    if (header === null) {
      header = record.map((h) => LABELS[fold(h)]);
      continue;
    }
    const cols = header;
    const index = (c: Col): number => {
      const i = cols.indexOf(c);
      return i >= 0 ? i : cols.every((h) => h === undefined) ? COLUMNS.indexOf(c) : -1;
    };
    const line = info.lines;
    const where = String(line);
    const get = (c: Col): string => (index(c) >= 0 ? (record[index(c)] ?? '').trim() : '');
    const num = (c: Col): number => {
      const v = get(c);
      if (v === '') return 0;
      const t = decimalComma ? v.replace(/\./g, '').replace(',', '.') : v.replace(/,/g, '');
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
    };
    const date = ppDate(get('date'));
    const type = TYPES[fold(get('type'))];
    const value = num('value');
    const [fees, taxes, shares, gross, rate] = [num('fees'), num('taxes'), Math.abs(num('shares')), Math.abs(num('gross')), num('rate')];
    if (date === null) {
      out.fail(line, where, `date "${get('date')}" is not a date`);
      continue;
    }
    if (!type) {
      out.fail(line, where, `type "${get('type')}" is not a Portfolio Performance type`);
      continue;
    }
    const bad = (['value', 'fees', 'taxes', 'shares', 'gross', 'rate'] as const).find((c) => Number.isNaN(num(c)));
    if (bad) {
      out.fail(line, where, `${bad}: "${get(bad)}" is not a number${decimalComma ? ' (1.234,56)' : ' (1,234.56)'}`);
      continue;
    }
    const currency = get('currency');
    const amount = Math.abs(value);
    const symbol = (): string => get('ticker') || (get('isin') ? symbolFromIsin(get('isin'), ctx, (m) => out.warn(where, m)) : '');
    // The sign differs between the account and the securities file: the key leaves it out.
    const key = `pp:${createHash('sha256').update(JSON.stringify([date, type, amount, shares, get('isin'), get('ticker'), fees, taxes, account])).digest('base64url').slice(0, 24)}`;
    const base = { date, account, note: get('note') || undefined };
    if (type === 'buy' || type === 'sell' || type === 'delivery in' || type === 'delivery out') {
      if (!(shares > 0)) {
        out.fail(line, where, `shares: a ${get('type')} needs shares`);
        continue;
      }
      const side = type === 'buy' || type === 'delivery in' ? 'buy' : 'sell';
      const costs = fees + taxes;
      const forex = gross > 0 && get('grosscurrency') !== '' && get('grosscurrency') !== currency && rate > 0;
      const grossLocal = side === 'buy' ? amount - costs : amount + costs;
      const price = forex ? gross / shares : grossLocal / shares;
      const fee = forex ? costs / rate : costs;
      out.add(line, where, { ...base, type: side, symbol: symbol(), quantity: shares, price, fee, currency: forex ? get('grosscurrency') : currency }, key);
      if (type.startsWith('delivery')) {
        // Shares delivered in or out bring no cash: a matching deposit/withdrawal keeps the cash right.
        out.add(line, `${where} delivery`, { ...base, type: side === 'buy' ? 'deposit' : 'withdrawal', amount, currency, note: `${get('type')} of ${symbol()}` }, `${key}:cash`);
      }
    } else if (type === 'dividend') {
      const grossAmount = amount + fees + taxes;
      out.add(line, where, { ...base, type: 'dividend', symbol: symbol(), amount: grossAmount, currency }, key);
      if (taxes > 0) out.add(line, `${where} taxes`, { ...base, type: 'tax', symbol: symbol(), amount: taxes, currency }, `${key}:tax`);
      if (fees > 0) out.add(line, `${where} fees`, { ...base, type: 'fee', symbol: symbol(), amount: fees, currency }, `${key}:fee`);
    } else if (type === 'transfer') {
      out.warn(where, `${get('type')} between PP accounts skipped: record it with "portfolio add transfer ... --to-account" once both accounts are imported`);
    } else if (type === 'fees refund') {
      out.warn(where, 'a fee refund is recorded as interest (a fee cannot be negative)');
      out.add(line, where, { ...base, type: 'interest', amount, currency, note: `fee refund${base.note ? `: ${base.note}` : ''}` }, key);
    } else {
      out.add(line, where, { ...base, type, amount, currency, symbol: type === 'tax' || type === 'tax_refund' || type === 'fee' ? symbol() || undefined : undefined }, key);
    }
  }
  yield* out.drain();
}

function ppDate(text: string): string | null {
  let m = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})/.exec(text);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(text);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}
