/**
 * The first pass over an IBKR Flex file: only small indexes, so the second pass can map each
 * record as it is read. Listing exchanges by symbol (cash rows lack them), the Statement of Funds
 * events listed in their own currency (their BaseCurrency copy is dropped), cancelled trades,
 * cash rows reversed the same day, and the ISINs of rows without a symbol.
 */
import type { IbRecord } from './ibkr-read.js';
import { isIsin } from './symbols.js';

export const isCancellation = (r: IbRecord): boolean => (r.f.buysell ?? '').includes('(Ca.)') || r.f.transactiontype === 'TradeCancel';

/** A cash row's identity for reversals: same day, type, text, currency and size. */
const reversalKey = (r: IbRecord): string => `${r.f.datetime}|${r.f.type}|${r.f.description}|${r.f.currency}|${Math.abs(Number(r.f.amount))}`;

export interface Scan {
  exchanges: Map<string, string>;
  /** TransactionIDs of Statement of Funds events listed in their currency (their BaseCurrency copy is dropped). */
  inCurrency: Set<string>;
  isins: Set<string>;
  /** True (once) for the trade that a cancellation removes. */
  claimCancelled(r: IbRecord): boolean;
  /** True for a cash row that an opposite row of the same day cancels (fee charged and refunded). */
  claimReversal(r: IbRecord): boolean;
}

export async function scanIbkr(records: AsyncIterable<IbRecord>): Promise<Scan> {
  const exchanges = new Map<string, string>();
  const inCurrency = new Set<string>();
  const isins = new Set<string>();
  const cancels: IbRecord['f'][] = [];
  const signs = new Map<string, { pos: number; neg: number }>();
  for await (const r of records) {
    const f = r.f;
    if (f.symbol && (f.listingexchange || f.exchange)) exchanges.set(f.symbol, (f.listingexchange ?? f.exchange) as string);
    if (!f.symbol && f.isin && isIsin(f.isin)) isins.add(f.isin);
    if (r.kind === 'funds' && f.levelofdetail === 'Currency') inCurrency.add(f.transactionid ?? '');
    if (r.kind === 'trade' && isCancellation(r)) cancels.push(f);
    const amount = Number(f.amount);
    if (r.kind === 'cash' && amount !== 0 && Number.isFinite(amount) && f.type !== 'Withholding Tax') {
      const k = reversalKey(r);
      const e = signs.get(k) ?? { pos: 0, neg: 0 };
      if (amount > 0) e.pos++;
      else e.neg++;
      signs.set(k, e);
    }
  }
  // The first min(positive, negative) rows of each side cancel out; only those keys are kept.
  const pairs = new Map<string, { pos: number; neg: number }>();
  for (const [k, e] of signs) if (e.pos > 0 && e.neg > 0) pairs.set(k, { pos: Math.min(e.pos, e.neg), neg: Math.min(e.pos, e.neg) });
  signs.clear();
  const open = [...cancels];
  return {
    exchanges,
    inCurrency,
    isins,
    claimCancelled(t) {
      const i = open.findIndex((c) => (c.origtradeid ? t.f.tradeid === c.origtradeid : t.f.symbol === c.symbol && t.f.tradedate === c.tradedate && Math.abs(Number(t.f.quantity)) === Math.abs(Number(c.quantity)) && t.f.tradeprice === c.tradeprice));
      if (i < 0) return false;
      open.splice(i, 1);
      return true;
    },
    claimReversal(r) {
      const amount = Number(r.f.amount);
      if (r.f.type === 'Withholding Tax' || !(amount !== 0)) return false;
      const e = pairs.get(reversalKey(r));
      const side = amount > 0 ? 'pos' : 'neg';
      if (!e || e[side] === 0) return false;
      e[side]--;
      return true;
    },
  };
}
