/**
 * Price alert rules, pure: given an alert and the latest quote, does it fire, and is it armed after?
 * An alert fires once when its condition becomes true, then stays quiet until the price crosses
 * back (the condition becomes false again), which re-arms it.
 */

export type AlertKind = 'above' | 'below' | 'move';

export interface AlertRule {
  kind: AlertKind;
  /** above/below: a price in the symbol's currency; move: a day move in percent (5 = 5%). */
  threshold: number;
  armed: boolean;
}

export interface AlertQuote {
  price: number;
  previousClose: number | null;
}

export interface AlertDecision {
  fire: boolean;
  armed: boolean;
  /** The day move in percent when known (move alerts and messages). */
  movePct: number | null;
}

/** Day move in percent from the previous close, or null when there is none. */
export function dayMovePct(quote: AlertQuote): number | null {
  const prev = quote.previousClose;
  if (prev === null || !Number.isFinite(prev) || prev <= 0 || !Number.isFinite(quote.price)) return null;
  return ((quote.price - prev) / prev) * 100;
}

/** Whether the alert's condition holds for this quote; null when it cannot be judged. */
export function conditionHolds(rule: Pick<AlertRule, 'kind' | 'threshold'>, quote: AlertQuote): boolean | null {
  if (!Number.isFinite(quote.price)) return null;
  switch (rule.kind) {
    case 'above':
      return quote.price >= rule.threshold;
    case 'below':
      return quote.price <= rule.threshold;
    case 'move': {
      const move = dayMovePct(quote);
      return move === null ? null : Math.abs(move) >= rule.threshold;
    }
  }
}

export function evaluateAlert(rule: AlertRule, quote: AlertQuote): AlertDecision {
  const movePct = dayMovePct(quote);
  const holds = conditionHolds(rule, quote);
  if (holds === null) return { fire: false, armed: rule.armed, movePct };
  if (rule.armed && holds) return { fire: true, armed: false, movePct };
  if (!rule.armed && !holds) return { fire: false, armed: true, movePct };
  return { fire: false, armed: rule.armed, movePct };
}

/** The user-facing line for a fired alert. */
export function alertMessage(symbol: string, rule: Pick<AlertRule, 'kind' | 'threshold'>, quote: AlertQuote, currency?: string | null): string {
  const price = `${formatNumber(quote.price)}${currency ? ` ${currency}` : ''}`;
  switch (rule.kind) {
    case 'above':
      return `${symbol} is at ${price}, at or above your alert at ${formatNumber(rule.threshold)}`;
    case 'below':
      return `${symbol} is at ${price}, at or below your alert at ${formatNumber(rule.threshold)}`;
    case 'move': {
      const move = dayMovePct(quote) ?? 0;
      const sign = move >= 0 ? '+' : '';
      return `${symbol} moved ${sign}${move.toFixed(2)}% today (now ${price}), beyond your ${formatNumber(rule.threshold)}% alert`;
    }
  }
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 4 });
}
