/**
 * A deterministic sample ledger: deposits every month, buys spread by weight, quarterly dividends,
 * yearly interest and a custody fee, one profit-taking sell and the NVDA 10:1 split, from 2021 to
 * the day before `today`. Buy prices come from the simulated market so gains look plausible.
 */
import { addDays, dayToIso, isoToDay, isWeekend } from '../core/dates.js';
import type { NewTransaction } from '../core/types.js';
import { simSymbol, simTradedClose } from '../market/sim-prices.js';
import { seededRandom } from '../market/symbols.js';
import { DEMO_ACCOUNTS, DEMO_INSTRUMENTS, DEMO_START, type DemoInstrument } from './universe.js';

export type DemoTransaction = NewTransaction & { importKey: string };

/** Price per share in the trade currency on a day (pence to pounds; before a split, the pre-split price). */
export function demoPrice(inst: DemoInstrument, date: string): number {
  const p = simTradedClose(simSymbol(inst.symbol), isoToDay(date));
  return inst.symbol.endsWith('.L') ? p / 100 : p;
}

function tradingDayOnOrAfter(iso: string): string {
  let d = isoToDay(iso);
  while (isWeekend(d)) d++;
  return dayToIso(d);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function generateDemoTransactions(today: string): DemoTransaction[] {
  const rand = seededRandom(20210104);
  const out: DemoTransaction[] = [];
  const held = new Map<string, number>();
  const cash = new Map<string, number>(Object.keys(DEMO_ACCOUNTS).map((a) => [a, 0]));
  const push = (tx: Omit<NewTransaction, 'fee' | 'note' | 'ratio' | 'quantity' | 'price' | 'amount' | 'symbol'> & Partial<NewTransaction>) => {
    out.push({ symbol: null, quantity: null, price: null, amount: null, fee: 0, note: null, ratio: null, ...tx, importKey: `demo:${out.length}` });
  };
  const end = addDays(today, -1);
  let sold = false;
  for (let month = 0; ; month++) {
    const first = new Date(Date.UTC(2021, month, 1));
    const date = tradingDayOnOrAfter(month === 0 ? DEMO_START : first.toISOString().slice(0, 10));
    if (date > end) break;
    // Splits that happened since the last month apply before this month's trades.
    for (const inst of DEMO_INSTRUMENTS) {
      if (inst.split && inst.split.date <= date && inst.split.date > addDays(date, -40) && (held.get(inst.symbol) ?? 0) > 0) {
        const [n, m] = inst.split.ratio;
        push({ date: inst.split.date, type: 'split', symbol: inst.symbol, currency: inst.currency, account: inst.account, ratio: `${n}:${m}` });
        held.set(inst.symbol, ((held.get(inst.symbol) ?? 0) * n) / m);
      }
    }
    for (const [account, a] of Object.entries(DEMO_ACCOUNTS)) {
      const amount = month === 0 ? a.initial : a.monthly;
      push({ date, type: 'deposit', amount, currency: a.currency, account });
      cash.set(account, (cash.get(account) ?? 0) + amount);
      // Buy two or three names a month by weight; keep a little cash.
      const names = DEMO_INSTRUMENTS.filter((i) => i.account === account);
      const picks = month === 0 ? names : names.filter(() => rand() < 0.45);
      const budget = (cash.get(account) ?? 0) * 0.9;
      const weightSum = picks.reduce((s, i) => s + i.weight, 0);
      for (const inst of picks) {
        const price = round(demoPrice(inst, date), 4);
        const spend = (budget * inst.weight) / weightSum;
        const crypto = inst.symbol.endsWith('-USD');
        // The first month buys at least one share of everything (NVDA's pre-split price is high).
        const quantity = crypto ? round(spend / price, 6) : Math.max(month === 0 ? 1 : 0, Math.floor(spend / price));
        const fee = crypto ? round(spend * 0.001, 2) : 1;
        const cost = quantity * price + fee;
        if (quantity <= 0 || cost > (cash.get(account) ?? 0)) continue;
        push({ date, type: 'buy', symbol: inst.symbol, quantity, price, fee, currency: inst.currency, account });
        cash.set(account, (cash.get(account) ?? 0) - cost);
        held.set(inst.symbol, (held.get(inst.symbol) ?? 0) + quantity);
      }
    }
    // Quarterly dividends (paid mid-quarter-end month) on what is held.
    if (month % 3 === 2) {
      const payDate = tradingDayOnOrAfter(dayToIso(isoToDay(date) + 14));
      if (payDate <= end) {
        for (const inst of DEMO_INSTRUMENTS) {
          const q = held.get(inst.symbol) ?? 0;
          if (inst.yield <= 0 || q <= 0) continue;
          const amount = round((q * demoPrice(inst, payDate) * inst.yield) / 4, 2);
          if (amount <= 0) continue;
          push({ date: payDate, type: 'dividend', symbol: inst.symbol, amount, currency: inst.currency, account: inst.account });
          cash.set(inst.account, (cash.get(inst.account) ?? 0) + amount);
        }
      }
    }
    if (month % 12 === 11) {
      push({ date, type: 'interest', amount: round((cash.get('us-broker') ?? 0) * 0.02, 2) || 1, currency: 'USD', account: 'us-broker' });
      push({ date, type: 'fee', amount: 25, currency: 'GBP', account: 'uk-isa' });
      cash.set('uk-isa', (cash.get('uk-isa') ?? 0) - 25);
    }
    // Take some profit once, in the third year.
    if (!sold && month === 30) {
      const inst = DEMO_INSTRUMENTS.find((i) => i.symbol === 'AAPL') as DemoInstrument;
      const q = Math.floor((held.get('AAPL') ?? 0) / 4);
      if (q > 0) {
        const price = round(demoPrice(inst, date), 4);
        push({ date, type: 'sell', symbol: 'AAPL', quantity: q, price, fee: 1, currency: 'USD', account: 'us-broker' });
        held.set('AAPL', (held.get('AAPL') ?? 0) - q);
        cash.set('us-broker', (cash.get('us-broker') ?? 0) + q * price - 1);
        sold = true;
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
