/**
 * Ghostfolio: the export JSON (current shape, and the older one with `accounts[].balance` and
 * `ITEM` activities) and its CSV import format (header aliases, several date styles).
 * BUY/SELL -> buy/sell; DIVIDEND -> dividend (quantity x unitPrice) and its `fee` -> tax (the
 * converters put withholding there); FEE -> fee (the `fee` field); INTEREST -> interest.
 * LIABILITY is debt, not a flow: skipped with a note. Future-dated activities are drafts: skipped.
 * Ghostfolio has no splits in its export and no deposits (account balances are snapshots).
 * The export JSON is streamed by ghostfolio-json.ts.
 */
import { ghostfolioToYahoo, isIsin, symbolFromIsin } from './symbols.js';
import type { Collector, ParseContext } from './types.js';

export interface Activity {
  id?: string;
  accountId?: string | null;
  comment?: string | null;
  currency?: string;
  dataSource?: string;
  date?: string;
  fee?: number;
  quantity?: number;
  symbol?: string;
  type?: string;
  unitPrice?: number;
}

export interface Export {
  activities?: Activity[];
  accounts?: { id: string; name?: string; balance?: number; balances?: unknown[] }[];
  assetProfiles?: { symbol: string; name?: string; dataSource?: string }[];
}

export function looksLikeGhostfolioJson(text: string): boolean {
  return /^\s*\{/.test(text) && /"(activities|meta)"\s*:/.test(text);
}

interface MapCtx {
  accounts: Map<string, string>;
  names: Map<string, string>;
  legacy: boolean;
  ctx: ParseContext;
  out: Collector;
}

const DATASOURCES = new Set(['YAHOO', 'COINGECKO', 'MANUAL', 'ALPHA_VANTAGE', 'EOD_HISTORICAL_DATA', 'FINANCIAL_MODELING_PREP', 'GHOSTFOLIO', 'GOOGLE_SHEETS', 'RAPID_API']);

export function mapActivity(a: Activity, line: number, where: string, m: MapCtx): void {
  const { out, ctx } = m;
  const type = (a.type ?? '').toUpperCase();
  const date = typeof a.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(a.date) ? a.date.slice(0, 10) : '';
  if (date === '') return out.fail(line, where, `date "${a.date ?? ''}" is not an ISO date`);
  if (date > ctx.today) return out.warn(where, `dated ${date}, after today: a Ghostfolio draft, skipped`);
  if (type === 'LIABILITY') return out.warn(where, 'LIABILITY is a debt, not a transaction: skipped');
  if (type === 'ITEM' && !m.legacy) return out.fail(line, where, 'type ITEM is no longer a Ghostfolio activity type (removed in 2025-09); record it as a BUY of a MANUAL asset');
  const source = (a.dataSource ?? 'YAHOO').toUpperCase();
  if (!DATASOURCES.has(source)) return out.fail(line, where, `unknown dataSource "${a.dataSource}"`);
  for (const k of ['fee', 'quantity', 'unitPrice'] as const) {
    const v = a[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) return out.fail(line, where, `${k} must be a number >= 0, got ${JSON.stringify(v)}`);
  }
  const account = ctx.account ?? (a.accountId ? (m.accounts.get(a.accountId) ?? a.accountId) : undefined);
  const fee = a.fee ?? 0;
  const qty = a.quantity ?? 0;
  const price = a.unitPrice ?? 0;
  const rawSymbol = (a.symbol ?? '').trim();
  const manualName = source === 'MANUAL' ? (m.names.get(rawSymbol) ?? rawSymbol) : null;
  const symbol = (): string => {
    if (manualName !== null) {
      const slug = manualName.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32) || 'MANUAL';
      out.warn(where, `manual asset "${manualName}" recorded as symbol ${slug}; no provider prices it (use "portfolio prices set")`);
      return slug;
    }
    if (isIsin(rawSymbol)) return symbolFromIsin(rawSymbol.toUpperCase(), ctx, (msg) => out.warn(where, msg));
    return ghostfolioToYahoo(rawSymbol, source);
  };
  const base = { date, currency: a.currency, account, note: a.comment ?? undefined };
  const key = a.id ? `ghostfolio:${a.id}` : undefined;
  switch (type) {
    case 'BUY':
    case 'SELL':
    case 'ITEM':
      if (qty === 0) return out.warn(where, `${type} of 0 shares: skipped`);
      return out.add(line, where, { ...base, type: type === 'SELL' ? 'sell' : 'buy', symbol: symbol(), quantity: qty, price, fee }, key);
    case 'DIVIDEND': {
      const s = symbol();
      out.add(line, where, { ...base, type: 'dividend', symbol: s, amount: qty * price }, key);
      if (fee > 0) out.add(line, `${where} fee`, { ...base, type: 'tax', symbol: s, amount: fee, note: 'withheld on the dividend (Ghostfolio fee)' }, key && `${key}:tax`);
      return;
    }
    case 'FEE':
      return out.add(line, where, { ...base, type: 'fee', amount: fee, note: a.comment ?? manualName ?? undefined }, key);
    case 'INTEREST':
      return out.add(line, where, { ...base, type: 'interest', amount: qty * price, note: a.comment ?? manualName ?? undefined }, key);
    default:
      return out.fail(line, where, `unknown Ghostfolio activity type "${a.type ?? ''}" (expected BUY, SELL, DIVIDEND, FEE, INTEREST, LIABILITY)`);
  }
}
