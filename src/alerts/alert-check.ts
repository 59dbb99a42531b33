/**
 * Checks price alerts against quotes that just landed (daemon, warm, dashboard) and raises one
 * 'alert' notification per crossing. Firing is claimed in the database, so two processes looking
 * at the same quote never both fire.
 */
import { alertMessage, evaluateAlert } from '../core/alerts.js';
import { claimFire, listAlerts, rearmAlert } from '../store/alerts.js';
import { inTransaction, type Db } from '../store/db.js';
import { addNotification, type Notification } from '../store/notifications.js';

export interface LandedQuote {
  symbol: string;
  price: number;
  previousClose: number | null;
  currency?: string | null;
}

export interface AlertCheckResult {
  fired: Notification[];
  rearmed: number[];
}

export function checkAlerts(db: Db, quotes: readonly LandedQuote[], now: Date = new Date()): AlertCheckResult {
  const result: AlertCheckResult = { fired: [], rearmed: [] };
  if (quotes.length === 0) return result;
  const bySymbol = new Map(quotes.map((q) => [q.symbol, q]));
  const alerts = listAlerts(db, [...bySymbol.keys()]);
  if (alerts.length === 0) return result;
  inTransaction(db, () => {
    for (const alert of alerts) {
      const quote = bySymbol.get(alert.symbol);
      if (!quote) continue;
      const decision = evaluateAlert(alert, quote);
      if (decision.fire && claimFire(db, alert.id, now)) {
        const message = alertMessage(alert.symbol, alert, quote, quote.currency);
        result.fired.push(addNotification(db, { kind: 'alert', message, symbol: alert.symbol }, now));
      } else if (!alert.armed && decision.armed && rearmAlert(db, alert.id)) {
        result.rearmed.push(alert.id);
      }
    }
  }, { immediate: true });
  return result;
}
