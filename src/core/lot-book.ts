/**
 * One account's lots of one symbol: an oldest-first queue plus running totals. Under average cost
 * the totals are the cost basis and the lots only carry quantities and dates; under FIFO the totals
 * are the sum of the lots.
 */
import type { CostMethod } from './holdings.js';

export interface OpenLot {
  acquired: string; // YYYY-MM-DD; '' for shares the ledger never bought (an oversell)
  quantity: number;
  cost: number; // in the security's currency, fees included
  costBase: number; // in the base currency at the FX of the acquisition date
}

export interface Book {
  account: string;
  symbol: string;
  currency: string;
  lots: OpenLot[];
  quantity: number;
  cost: number;
  costBase: number;
}

/** Relative tolerance so that 0.1 + 0.2 shares can be sold as 0.3. */
const EPS = 1e-9;

export function openBook(account: string, symbol: string, currency: string): Book {
  return { account, symbol, currency, lots: [], quantity: 0, cost: 0, costBase: 0 };
}

/** Adds lots keeping the queue ordered by acquisition date (equal dates keep arrival order). */
export function insertLots(b: Book, lots: readonly OpenLot[]): void {
  for (const lot of lots) {
    b.quantity += lot.quantity;
    b.cost += lot.cost;
    b.costBase += lot.costBase;
    const last = b.lots[b.lots.length - 1];
    if (!last || last.acquired <= lot.acquired) {
      b.lots.push(lot);
      continue;
    }
    let i = b.lots.length;
    while (i > 0 && (b.lots[i - 1] as OpenLot).acquired > lot.acquired) i--;
    b.lots.splice(i, 0, lot);
  }
}

/**
 * Removes `q` shares, oldest lots first, and returns them as pieces with their dates. A piece's
 * cost is its lot's (FIFO) or the book's average cost times its quantity (avg).
 */
export function takeLots(b: Book, q: number, method: CostMethod): OpenLot[] {
  const avg = b.quantity > 0 ? b.cost / b.quantity : 0;
  const avgBase = b.quantity > 0 ? b.costBase / b.quantity : 0;
  const out: OpenLot[] = [];
  let left = q;
  while (left > 0 && b.lots.length > 0) {
    const lot = b.lots[0] as OpenLot;
    let piece: OpenLot;
    if (lot.quantity <= left * (1 + EPS) + EPS * 1e-3) {
      piece = lot;
      b.lots.shift();
      left -= lot.quantity;
    } else {
      const f = left / lot.quantity;
      piece = { acquired: lot.acquired, quantity: left, cost: lot.cost * f, costBase: lot.costBase * f };
      lot.quantity -= left;
      lot.cost -= piece.cost;
      lot.costBase -= piece.costBase;
      left = 0;
    }
    if (method === 'avg') {
      piece = { ...piece, cost: avg * piece.quantity, costBase: avgBase * piece.quantity };
    }
    out.push(piece);
  }
  let cost = 0;
  let costBase = 0;
  for (const p of out) {
    cost += p.cost;
    costBase += p.costBase;
  }
  b.quantity -= q;
  b.cost -= cost;
  b.costBase -= costBase;
  // Float dust from fractional shares must not leave a phantom holding.
  if (b.lots.length === 0 || Math.abs(b.quantity) <= EPS * Math.max(1, q)) {
    b.quantity = 0;
    b.cost = 0;
    b.costBase = 0;
    b.lots = [];
  }
  return out;
}
