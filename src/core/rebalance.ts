/**
 * Rebalancing: the trades that bring a portfolio closest to its target weights, new cash first,
 * selling only when allowed, whole shares unless the instrument allows fractions. Pure.
 *
 * The rules (docs/allocation.md):
 * - The total V is every holding plus cash plus the new cash; trades move value between cash and
 *   holdings, so V does not change and drift is measured against it before and after.
 * - Drift is the sum over targeted groups of |weight - target|.
 * - Money to invest: the new cash; plus existing cash above the cash target when `cash` has one;
 *   plus all existing cash when the other targets add up to 100% (then cash's implicit target is 0).
 * - No trade crosses its group's target: a buy is at most the group's shortfall, a sell at most its
 *   excess, so every trade lowers (or keeps) each group's distance to its target and drift after
 *   is never worse than before. Untargeted groups are not traded.
 * - Within a group, money is spread over the symbols held in it in proportion to their value.
 * - Buys never spend more than the money to invest plus what the sells raise; trades under the
 *   minimum amount are dropped (sells first, so buys are sized on the sells that remain).
 */
import { CASH_GROUP } from './allocation.js';

export interface RebalanceHolding {
  symbol: string;
  /** The group it belongs to for the kind being rebalanced. */
  group: string;
  /** Market value in the base currency. */
  value: number;
  /** Price of one share in the base currency. */
  price: number;
  /** Whether fractional quantities can be traded (crypto, or config). */
  fractional: boolean;
}

export interface RebalanceInput {
  holdings: readonly RebalanceHolding[];
  /** Existing uninvested cash in the base currency. */
  cash: number;
  /** Targets per group (0..1); `cash` may have one. */
  targets: ReadonlyMap<string, number>;
  newCash: number;
  allowSell: boolean;
  minTrade: number;
}

export interface Trade {
  symbol: string;
  /** The group the trade is for (the account, when rebalancing by account). */
  group: string;
  side: 'buy' | 'sell';
  quantity: number;
  /** quantity x price, base currency, positive. */
  amount: number;
}

export interface GroupDrift {
  key: string;
  target: number;
  before: number;
  after: number;
}

export interface RebalanceResult {
  trades: Trade[];
  driftBefore: number;
  driftAfter: number;
  /** Money to invest that stays uninvested (rounding, minimum trade, nothing to buy). */
  cashLeft: number;
  groups: GroupDrift[];
  notes: string[];
}

const EPS = 1e-9;

/** Quantity for an amount at a price: whole shares rounded down unless fractions are allowed (8 decimals). */
function quantityFor(amount: number, price: number, fractional: boolean): number {
  if (!(price > 0) || !(amount > 0)) return 0;
  const q = amount / price;
  return fractional ? Math.floor(q * 1e8 + 1e-6) / 1e8 : Math.floor(q + 1e-9);
}

export function rebalance(input: RebalanceInput): RebalanceResult {
  const { targets, holdings } = input;
  const notes: string[] = [];
  const newCash = Math.max(0, input.newCash);
  const cashNow = input.cash + newCash;
  const groupValue = new Map<string, number>();
  for (const h of holdings) groupValue.set(h.group, (groupValue.get(h.group) ?? 0) + h.value);
  const total = [...groupValue.values()].reduce((a, b) => a + b, 0) + cashNow;

  const valueOf = (g: string, values: ReadonlyMap<string, number>, cash: number) => (g === CASH_GROUP ? cash : (values.get(g) ?? 0));
  const drift = (values: ReadonlyMap<string, number>, cash: number) => {
    if (!(total > 0)) return 0;
    let d = 0;
    for (const [g, t] of targets) d += Math.abs(valueOf(g, values, cash) / total - t);
    return d;
  };
  const driftBefore = drift(groupValue, cashNow);

  let othersTargeted = 0;
  for (const [g, t] of targets) if (g !== CASH_GROUP) othersTargeted += t;
  let investable = newCash;
  const cashTarget = targets.get(CASH_GROUP);
  if (cashTarget !== undefined) investable = Math.max(0, cashNow - cashTarget * total);
  else if (othersTargeted >= 1 - 1e-9) investable = Math.max(0, cashNow);
  investable = Math.min(investable, Math.max(0, cashNow));

  const bySymbolGroup = new Map<string, RebalanceHolding[]>();
  for (const h of holdings) {
    let list = bySymbolGroup.get(h.group);
    if (!list) bySymbolGroup.set(h.group, (list = []));
    list.push(h);
  }
  const tradableByGroup = new Map<string, RebalanceHolding[]>();
  for (const [g, list] of bySymbolGroup) tradableByGroup.set(g, list.filter((h) => h.price > 0 && Number.isFinite(h.price)));
  const tradable = (g: string) => tradableByGroup.get(g) ?? [];

  const trades: Trade[] = [];
  const after = new Map(groupValue);
  const keys = [...targets.keys()].filter((g) => g !== CASH_GROUP).sort();

  // Sells: each overweight group down towards its target.
  let raised = 0;
  if (input.allowSell) {
    for (const g of keys) {
      const excess = (groupValue.get(g) ?? 0) - (targets.get(g) as number) * total;
      if (excess <= EPS) continue;
      const list = tradable(g);
      const gv = list.reduce((a, h) => a + h.value, 0);
      for (const h of list) {
        const share = gv > 0 ? (excess * h.value) / gv : 0;
        const maxQty = h.value / h.price;
        const qty = Math.min(quantityFor(share, h.price, h.fractional), h.fractional ? maxQty : Math.floor(maxQty + 1e-9));
        const amount = qty * h.price;
        if (qty <= 0 || amount < input.minTrade) continue;
        trades.push({ symbol: h.symbol, group: g, side: 'sell', quantity: qty, amount });
        raised += amount;
        after.set(g, (after.get(g) ?? 0) - amount);
      }
    }
  }

  // Buys: shortfalls filled in proportion, within the budget.
  let budget = investable + raised;
  const shortfall = new Map<string, number>();
  let totalShort = 0;
  for (const g of keys) {
    const s = (targets.get(g) as number) * total - (after.get(g) ?? 0);
    if (s <= EPS) continue;
    if (tradable(g).length === 0) {
      notes.push(`${g} is ${((targets.get(g) as number) * 100).toFixed(1)}% of the target but nothing priced is held in it: buy a first position yourself`);
      continue;
    }
    shortfall.set(g, s);
    totalShort += s;
  }
  const scale = totalShort > budget ? budget / totalShort : 1;
  const buys = new Map<string, Trade>();
  const buyOne = (h: RebalanceHolding, qty: number) => {
    const amount = qty * h.price;
    const key = `${h.group}\u0000${h.symbol}`;
    const t = buys.get(key);
    if (t) {
      t.quantity += qty;
      t.amount += amount;
    } else buys.set(key, { symbol: h.symbol, group: h.group, side: 'buy', quantity: qty, amount });
    budget -= amount;
    after.set(h.group, (after.get(h.group) ?? 0) + amount);
    shortfall.set(h.group, (shortfall.get(h.group) ?? 0) - amount);
  };
  for (const [g, s] of shortfall) {
    const list = tradable(g);
    const gv = list.reduce((a, h) => a + h.value, 0);
    const amountForGroup = s * scale;
    for (const h of list) {
      const share = gv > 0 ? (amountForGroup * h.value) / gv : amountForGroup / list.length;
      const qty = quantityFor(Math.min(share, budget), h.price, h.fractional);
      if (qty > 0) buyOne(h, qty);
    }
  }
  // Whole shares leave money over: one more share where it still brings its group closer to target
  // (price under twice what is missing) and the budget allows, largest shortfall first.
  const cheapest = new Map<string, RebalanceHolding>();
  for (const g of shortfall.keys()) {
    for (const x of tradable(g)) if (!x.fractional && x.price < (cheapest.get(g)?.price ?? Infinity)) cheapest.set(g, x);
  }
  for (let guard = 0; guard < 10_000; guard++) {
    let best: RebalanceHolding | null = null;
    let bestShort = 0;
    for (const [g, s] of shortfall) {
      if (s <= EPS || s <= bestShort) continue;
      const h = cheapest.get(g);
      if (h && h.price <= budget + EPS && h.price < 2 * s) {
        best = h;
        bestShort = s;
      }
    }
    if (!best) break;
    buyOne(best, 1);
  }
  for (const t of [...buys.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.group < b.group ? -1 : 1))) {
    if (t.amount < input.minTrade) {
      after.set(t.group, (after.get(t.group) ?? 0) - t.amount);
      budget += t.amount;
      continue;
    }
    trades.push(t);
  }

  const spent = trades.reduce((a, t) => a + (t.side === 'buy' ? t.amount : -t.amount), 0);
  const cashAfter = cashNow - spent;
  const groups: GroupDrift[] = [...targets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, target]) => ({
      key,
      target,
      before: total > 0 ? valueOf(key, groupValue, cashNow) / total : 0,
      after: total > 0 ? valueOf(key, after, cashAfter) / total : 0,
    }));
  return { trades, driftBefore, driftAfter: drift(after, cashAfter), cashLeft: Math.max(0, budget), groups, notes };
}
