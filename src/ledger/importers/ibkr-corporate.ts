/**
 * IBKR corporate actions: the rows of one action (same date and ActionID, or the same text before
 * the last parenthesis) become a split (removal of the old line and delivery of the new one under
 * the same symbol: `AMCR.OLD` -> `AMCR`), a rename (a new symbol, ratio from "N FOR M" or the
 * quantities), a sell at the proceeds (cash merger or tender), or a buy at 0 (a lone delivery).
 */
import type { IbMapper } from './ibkr.js';
import { ibDate, type IbRecord } from './ibkr-read.js';

/** Pairs removal and delivery rows of one action (same date, same text before the last parenthesis). */
export function corporateActions(m: IbMapper, rows: IbRecord[]): void {
  const groups = new Map<string, IbRecord[]>();
  for (const r of rows) {
    const desc = r.f.actiondescription ?? r.f.description ?? '';
    const k = `${ibDate(r.f.datetime ?? r.f.date ?? r.f.reportdate)}|${r.f.actionid ?? desc.replace(/\s*\([^()]*\)\s*$/, '')}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const group of groups.values()) corporateGroup(m, group);
}

function corporateGroup(m: IbMapper, group: IbRecord[]): void {
  const first = group[0] as IbRecord;
  const date = ibDate(first.f.datetime ?? first.f.date ?? first.f.reportdate);
  const desc = first.f.actiondescription ?? first.f.description ?? '';
  if (date === null) return m.out.fail(first.line, first.where, 'corporate action without a readable date');
  const out = group.filter((r) => Number(r.f.quantity) < 0);
  const into = group.filter((r) => Number(r.f.quantity) > 0);
  const proceeds = group.reduce((s, r) => s + Number(r.f.proceeds ?? 0), 0);
  const acct = m.account(first);
  if (out.length === 1 && into.length === 0 && proceeds > 0) {
    const r = out[0] as IbRecord;
    const q = Math.abs(Number(r.f.quantity));
    m.out.add(r.line, r.where, { date, type: 'sell', symbol: m.symbol(r), quantity: q, price: proceeds / q, currency: r.f.currency, account: acct, note: desc }, m.key(r));
    return;
  }
  if (out.length === 1 && into.length === 1) {
    const o = out[0] as IbRecord;
    const n = into[0] as IbRecord;
    const from = m.symbol(o);
    const to = m.symbol({ ...n, f: { ...n.f, listingexchange: n.f.listingexchange ?? o.f.listingexchange ?? m.exchanges.get((o.f.symbol ?? '').replace(/\.OLD$/, '')) ?? '' } });
    const split = /(?:SPLIT|TENDERED TO \S+|MERGED\S*)\s+(\d+(?:\.\d+)?)\s+FOR\s+(\d+(?:\.\d+)?)/i.exec(desc);
    const ratio = split ? `${split[1]}:${split[2]}` : `${plainRatio(Math.abs(Number(n.f.quantity)))}:${plainRatio(Math.abs(Number(o.f.quantity)))}`;
    const cells = from === to ? { date, type: 'split', symbol: from, ratio } : { date, type: 'rename', symbol: from, to_symbol: to, ratio };
    m.out.add(o.line, `${o.where} + ${n.where}`, { ...cells, account: acct, note: desc }, m.key(o));
    return;
  }
  if (out.length === 0 && into.length === 1 && proceeds === 0) {
    const r = into[0] as IbRecord;
    m.out.warn(r.where, `corporate action "${desc}" recorded as a buy at price 0 (stock dividend or spin-off; set its cost share with a spinoff row if it is one)`);
    m.out.add(r.line, r.where, { date, type: 'buy', symbol: m.symbol(r), quantity: Math.abs(Number(r.f.quantity)), price: 0, currency: r.f.currency, account: acct, note: desc }, m.key(r));
    return;
  }
  m.out.fail(first.line, first.where, `corporate action "${desc}" (${group.length} rows) is not one this importer understands; enter it by hand`);
}

function plainRatio(n: number): string {
  return String(Math.round(n * 1e8) / 1e8);
}
