/**
 * Two ledger rules with one home each (used by `add`, `remove`, `import` and every replay):
 * a sell takes shares from its own account only, and a transaction dated after today is recorded
 * only when the user says so and counts from its date, never before.
 */

/** Relative tolerance so that 0.1 + 0.2 shares can be sold as 0.3. */
const EPS = 1e-9;

/** The problem with selling `quantity` when `heldInAccount` are held in the sell's account then, or null. */
export function sellProblem(symbol: string, account: string, date: string, quantity: number, heldInAccount: number): string | null {
  if (quantity <= heldInAccount * (1 + EPS) + EPS) return null;
  const held = Math.round(heldInAccount * 1e8) / 1e8;
  return `sells ${quantity} ${symbol} on ${date} but only ${held} are held in account "${account}" then`;
}

/** The problem with recording a transaction dated `date` when today is `today`, or null. */
export function futureProblem(date: string, today: string, allowFuture: boolean): string | null {
  if (date <= today || allowFuture) return null;
  return `${date} is after today (${today}); give --future to record it (it counts from that date on)`;
}

/** Per (symbol, account) share counts for checks that replay quantities only. */
export class AccountShares {
  private readonly bySymbol = new Map<string, Map<string, number>>();

  get(symbol: string, account: string): number {
    return this.bySymbol.get(symbol)?.get(account) ?? 0;
  }

  add(symbol: string, account: string, delta: number): void {
    let m = this.bySymbol.get(symbol);
    if (!m) this.bySymbol.set(symbol, (m = new Map()));
    m.set(account, Math.max(0, (m.get(account) ?? 0) + delta));
  }

  /** Each account's shares of a symbol, where there are any. */
  positions(symbol: string): [string, number][] {
    return [...(this.bySymbol.get(symbol) ?? [])].filter(([, q]) => q > 1e-9);
  }

  split(symbol: string, factor: number): void {
    const m = this.bySymbol.get(symbol);
    if (m && Number.isFinite(factor)) for (const [a, q] of m) m.set(a, q * factor);
  }
}
