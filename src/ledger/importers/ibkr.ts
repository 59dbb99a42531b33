/**
 * Interactive Brokers Flex statements (XML, CSV with section codes, CSV of one section) to our
 * rows. Trades -> buy/sell (commission as fee, in its own row when in another currency);
 * currency conversions (asset class CASH) are skipped, their commission kept as a fee;
 * cancellations remove the trade they cancel. Cash: dividends and payments in lieu -> dividend,
 * withholding tax -> tax (positive: tax_refund), deposits/withdrawals by sign, interest received
 * -> interest, interest paid and fees -> fee. Statement of Funds rows are listed twice (base
 * currency and currency): one is kept. Corporate actions: a removal of the old line and a
 * delivery of the new one become a split (same symbol) or a rename (new symbol); a cash merger
 * or tender -> sell at the proceeds. The source's TransactionID is the import key.
 */
import { corporateActions } from './ibkr-corporate.js';
import { ibDate, readIbkrCsv, readIbkrXml, type IbRecord } from './ibkr-read.js';
import { isCancellation, scanIbkr, type Scan } from './ibkr-scan.js';
import { ibToYahoo, isIsin, symbolFromIsin } from './symbols.js';
import { Spill } from './spill.js';
import { withIsins } from './with-isins.js';
import { Collector, type ParseContext, type ParsedFile, type SourceRecord, type TextSource } from './types.js';

/**
 * Two passes, each streamed: the first keeps only small indexes (ibkr-scan.ts); the second maps
 * each record as it is read (XML: parsed again; CSV: replayed from a temporary file, spill.ts).
 * Corporate actions (few) are paired at the end.
 */
export function parseIbkr(source: TextSource, xml: boolean, ctx: ParseContext): ParsedFile {
  const out = new Collector('ibkr');
  return { format: 'ibkr', records: ibkrRecords(source, xml, ctx, out), warnings: out.warnings };
}

async function* ibkrRecords(source: TextSource, xml: boolean, ctx: ParseContext, out: Collector): AsyncGenerator<SourceRecord> {
  const read = (): AsyncGenerator<IbRecord> => (xml ? readIbkrXml(source()) : readIbkrCsv(source()));
  // CSV is slow to parse: its records are parsed once and replayed from a temporary file; XML is parsed twice.
  const spill = xml ? null : await Spill.create<IbRecord>();
  try {
    let scan: Scan;
    try {
      scan = await scanIbkr(spill ? spill.tee(read()) : read());
    } catch (err) {
      out.fail(0, 'file', `not a readable IBKR Flex ${xml ? 'XML' : 'CSV'} file: ${(err as Error).message}`);
      return yield* out.drain();
    }
    yield* mapRecords(spill ? spill.replay() : read(), scan, await withIsins(ctx, scan.isins), out);
  } finally {
    await spill?.dispose();
  }
}

async function* mapRecords(records: AsyncIterable<IbRecord>, scan: Scan, context: ParseContext, out: Collector): AsyncGenerator<SourceRecord> {
  const m = new IbMapper(out, context, scan.exchanges);
  const corp: IbRecord[] = [];
  let fxSkipped = 0;
  for await (const r of records) {
    if (r.kind === 'funds' && r.f.levelofdetail === 'BaseCurrency' && (r.f.transactionid ? scan.inCurrency.has(r.f.transactionid) : scan.inCurrency.size > 0)) continue;
    if (r.kind === 'trade' && (isCancellation(r) || scan.claimCancelled(r))) continue;
    if (r.kind === 'cash' && scan.claimReversal(r)) {
      out.warn(r.where, `${r.f.type} of ${r.f.amount} ${r.f.currency} reversed the same day by a row of the opposite amount: both left out`);
      continue;
    }
    if (r.kind === 'trade') {
      if (r.f.levelofdetail && r.f.levelofdetail !== 'EXECUTION') continue;
      fxSkipped += m.trade(r) ? 0 : 1;
    } else if (r.kind === 'cash') m.cash(r);
    else if (r.kind === 'funds') fxSkipped += m.funds(r) ? 0 : 1;
    else if (r.kind === 'corp') corp.push(r);
    yield* out.drain();
  }
  if (fxSkipped > 0) out.warn('file', `${fxSkipped} currency conversion row${fxSkipped === 1 ? '' : 's'} skipped (they change no holding; their commissions are kept as fees)`);
  corporateActions(m, corp);
  yield* out.drain();
}

export class IbMapper {
  constructor(
    readonly out: Collector,
    private readonly ctx: ParseContext,
    readonly exchanges: Map<string, string>,
  ) {}

  account(r: IbRecord): string | undefined {
    return this.ctx.account ?? r.account ?? undefined;
  }

  key(r: IbRecord, suffix = ''): string | undefined {
    const id = r.f.transactionid ?? r.f.tradeid;
    return id ? `ibkr:${r.account ?? ''}:${id}${suffix}` : undefined;
  }

  symbol(r: IbRecord): string | null {
    const f = r.f;
    if (f.symbol) {
      const base = f.assetcategory === 'OPT' ? f.symbol.replace(/\s+/g, '') : f.symbol;
      const exchange = f.listingexchange ?? this.exchanges.get(f.symbol) ?? this.exchanges.get(f.symbol.replace(/\.OLD$/, '')) ?? f.exchange;
      if (exchange && !this.exchanges.has(f.symbol)) this.exchanges.set(f.symbol, exchange);
      return ibToYahoo(base, exchange);
    }
    if (f.isin && isIsin(f.isin)) return symbolFromIsin(f.isin, this.ctx, (msg) => this.out.warn(r.where, msg));
    const d = /^([A-Z0-9.]+(?: [A-Z])?)\(/.exec(f.description ?? f.activitydescription ?? '');
    return d ? ibToYahoo(d[1] as string, undefined) : null;
  }

  /** Returns false for a currency conversion (skipped). */
  trade(r: IbRecord): boolean {
    const f = r.f;
    const date = ibDate(f.tradedate ?? f.datetime ?? f.date);
    const qty = Math.abs(Number(f.quantity ?? f.tradequantity)) * Number(f.multiplier || 1);
    const currency = f.currency;
    const commission = Math.abs(Number(f.ibcommission ?? f.tradecommission ?? 0)) + Math.abs(Number(f.taxes ?? f.tradetax ?? 0));
    const commissionCurrency = f.ibcommissioncurrency ?? currency;
    const fx = f.assetcategory === 'CASH' || (!f.symbol && !f.isin) || /^[A-Z]{3}\.[A-Z]{3}$/.test(f.symbol ?? '');
    if (date === null) {
      this.out.fail(r.line, r.where, `trade date "${f.tradedate ?? f.datetime ?? ''}" is not a date`);
      return true;
    }
    if (fx || commissionCurrency !== currency) {
      if (commission > 0) this.out.add(r.line, `${r.where} commission`, { date, type: 'fee', amount: commission, currency: commissionCurrency, account: this.account(r), note: `IBKR commission${fx ? ' on a currency conversion' : ''}` }, this.key(r, ':fee'));
      if (fx) return false;
    }
    const side = (f.buysell ?? '').toUpperCase();
    if (side !== 'BUY' && side !== 'SELL') {
      this.out.fail(r.line, r.where, `Buy/Sell "${f.buysell ?? ''}" is neither BUY nor SELL`);
      return true;
    }
    const price = f.tradeprice !== undefined ? Number(f.tradeprice) : Math.abs(Number(f.trademoney ?? f.proceeds ?? f.cost)) / qty;
    this.out.add(r.line, r.where, {
      date, type: side.toLowerCase(), symbol: this.symbol(r), quantity: qty, price, fee: commissionCurrency === currency ? commission : 0,
      currency, account: this.account(r), note: f.description,
    }, this.key(r));
    return true;
  }

  cash(r: IbRecord): void {
    const f = r.f;
    const date = ibDate(f.datetime ?? f.settledate ?? f.date ?? f.reportdate);
    const amount = Number(f.amount);
    const type = (f.type ?? '').toLowerCase();
    if (date === null || !Number.isFinite(amount)) return this.out.fail(r.line, r.where, `date "${f.datetime ?? f.settledate ?? ''}" or amount "${f.amount ?? ''}" unreadable`);
    this.emit(r, date, amount, cashType(type, amount), f.description);
  }

  /** Statement of Funds; returns false for a skipped currency-conversion leg. */
  funds(r: IbRecord): boolean {
    const f = r.f;
    const code = f.activitycode ?? '';
    const date = ibDate(f.date ?? f.reportdate);
    const amount = Number(f.amount);
    if (date === null || !Number.isFinite(amount)) {
      this.out.fail(r.line, r.where, `date "${f.date ?? ''}" or amount "${f.amount ?? ''}" unreadable`);
      return true;
    }
    if (code === 'BUY' || code === 'SELL') return this.trade({ ...r, f: { ...f, buysell: code, quantity: f.tradequantity ?? '0' } });
    if (code === 'FOREX') {
      if (/^Commission/i.test(f.activitydescription ?? '')) this.emit(r, date, amount, amount < 0 ? 'fee' : 'interest', f.activitydescription);
      return /^Commission/i.test(f.activitydescription ?? '');
    }
    const map: Record<string, string> = { DEP: 'deposits/withdrawals', WITH: 'deposits/withdrawals', DIV: 'dividends', PIL: 'payment in lieu of dividends', FRTAX: 'withholding tax', CINT: 'broker interest received', DINT: 'broker interest paid', OFEE: 'other fees', STAX: 'other fees', CADJ: 'commission adjustments' };
    const type = map[code];
    if (!type) {
      this.out.warn(r.where, `Statement of Funds activity ${code} (${f.activitydescription ?? ''}) skipped`);
      return true;
    }
    this.emit(r, date, amount, cashType(type, amount), f.activitydescription);
    return true;
  }

  private emit(r: IbRecord, date: string, amount: number, type: string | null, description: string | undefined): void {
    if (type === null) return this.out.fail(r.line, r.where, `unknown cash transaction type "${r.f.type ?? r.f.activitycode ?? ''}"`);
    if (amount === 0) return this.out.warn(r.where, 'amount 0: skipped');
    const withSymbol = type === 'dividend' || type === 'tax' || type === 'tax_refund';
    const symbol = withSymbol ? this.symbol(r) : null;
    let note = description;
    if (type === 'interest' && /fees|commission/i.test(r.f.type ?? r.f.activitycode ?? '')) {
      note = `fee refund: ${description ?? ''}`;
      this.out.warn(r.where, `a positive fee (refund) of ${amount} ${r.f.currency} is recorded as interest (a fee cannot be negative)`);
    }
    this.out.add(r.line, r.where, { date, type, symbol, amount: Math.abs(amount), currency: r.f.currency, account: this.account(r), note }, this.key(r));
  }
}

/** IB cash transaction type + sign -> our type; null when unknown. */
function cashType(type: string, amount: number): string | null {
  if (type.startsWith('deposit')) return amount >= 0 ? 'deposit' : 'withdrawal';
  if (type === 'dividends' || type === 'payment in lieu of dividends') return amount >= 0 ? 'dividend' : 'fee';
  if (type === 'withholding tax' || type === '871(m) withholding') return amount < 0 ? 'tax' : 'tax_refund';
  if (type.includes('interest')) return amount >= 0 ? 'interest' : 'fee';
  if (type.includes('fees') || type.includes('commission')) return amount < 0 ? 'fee' : 'interest';
  return null;
}
