/**
 * Ghostfolio's CSV import format: header names case-insensitive, the first alias found wins
 * (import-activities.service.ts), dates in several styles, 2-digit years refused.
 */
import { csvRecords } from './csv-records.js';
import { mapActivity } from './ghostfolio.js';
import { Collector, type ParseContext, type ParsedFile, type SourceRecord, type TextSource } from './types.js';

const ALIASES: Record<string, string[]> = {
  account: ['account', 'accountid'],
  comment: ['comment', 'note'],
  currency: ['ccy', 'currency', 'currencyprimary'],
  dataSource: ['datasource'],
  date: ['date', 'tradedate'],
  fee: ['commission', 'fee', 'ibcommission'],
  quantity: ['qty', 'quantity', 'shares', 'units'],
  symbol: ['code', 'symbol', 'ticker'],
  type: ['action', 'buy/sell', 'type'],
  unitPrice: ['price', 'tradeprice', 'unitprice', 'value'],
};

export function looksLikeGhostfolioCsv(header: string[]): boolean {
  const h = new Set(header.map((x) => x.trim().toLowerCase()));
  const has = (f: string) => (ALIASES[f] as string[]).some((a) => h.has(a));
  return has('date') && has('type') && has('symbol') && has('currency') && (h.has('code') || h.has('action') || h.has('unitprice') || h.has('datasource'));
}

/** Ghostfolio's date styles -> YYYY-MM-DD, or null. */
export function ghostfolioDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})[-/.](\d{2})[-/.](\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  m = /^(\d{4})[-/.](\d{2})[-/.](\d{2})(T.*)?$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return null;
}

export function parseGhostfolioCsv(source: TextSource, ctx: ParseContext): ParsedFile {
  const out = new Collector('ghostfolio');
  return { format: 'ghostfolio', records: ghostfolioCsvRecords(source, ctx, out), warnings: out.warnings };
}

async function* ghostfolioCsvRecords(source: TextSource, ctx: ParseContext, out: Collector): AsyncGenerator<SourceRecord> {
  let header: string[] | null = null;
  let idx: Record<string, number> = {};
  for await (const { record, info } of csvRecords(source(), { relax_quotes: false })) {
    if (header === null) {
      const h = record.map((x) => x.trim().toLowerCase());
      header = h;
      const col = (field: string): number => {
        for (const a of ALIASES[field] as string[]) {
          const i = h.indexOf(a);
          if (i >= 0) return i;
        }
        return -1;
      };
      idx = Object.fromEntries(Object.keys(ALIASES).map((f) => [f, col(f)])) as Record<string, number>;
      continue;
    }
    const line = info.lines;
    const where = String(line);
    const get = (f: string): string => ((idx[f] as number) >= 0 ? (record[idx[f] as number] ?? '').trim() : '');
    const num = (f: string): number | undefined => {
      const v = get(f);
      return v === '' ? undefined : Math.abs(Number(v));
    };
    const date = ghostfolioDate(get('date'));
    if (date === null) {
      out.fail(line, where, `date "${get('date')}" is not a date Ghostfolio reads (yyyyMMdd, dd-MM-yyyy, dd/MM/yyyy, dd.MM.yyyy, yyyy-MM-dd; 2-digit years are refused)`);
      continue;
    }
    const bad = ['fee', 'quantity', 'unitPrice'].find((f) => Number.isNaN(num(f)));
    if (bad) {
      out.fail(line, where, `${bad}: "${get(bad)}" is not a plain number`);
      continue;
    }
    const type = get('type').toUpperCase();
    mapActivity(
      {
        accountId: get('account') || null,
        comment: get('comment') || null,
        currency: get('currency'),
        dataSource: get('dataSource') || (['FEE', 'INTEREST', 'LIABILITY'].includes(type) ? 'MANUAL' : 'YAHOO'),
        date,
        fee: num('fee') ?? 0,
        quantity: num('quantity') ?? 0,
        symbol: get('symbol'),
        type,
        unitPrice: num('unitPrice') ?? 0,
      },
      line,
      where,
      { accounts: new Map(), names: new Map(), legacy: false, ctx, out },
    );
    yield* out.drain();
  }
  yield* out.drain();
}
