/**
 * The listener the market service calls with every batch of quotes it stores (daemon, warm and
 * dashboard alike): checks price alerts, then hands pending notifications to the configured delivery.
 * Never throws: an alert problem must not break a refresh.
 */
import type { Config } from '../config.js';
import type { Quote } from '../core/types.js';
import type { Db } from '../store/db.js';
import { checkAlerts } from './alert-check.js';
import { deliveryConfigured, deliverPending } from './notify.js';

export interface AlertHookDeps {
  db: Db;
  config: Config;
  now: () => Date;
  env?: NodeJS.ProcessEnv;
  onError?: (err: unknown) => void;
}

export function createAlertListener(deps: AlertHookDeps): (quotes: Quote[]) => void {
  return (quotes) => {
    try {
      if (!deps.db.open) return;
      checkAlerts(deps.db, quotes, deps.now());
      // Everything pending goes out, not only fired alerts: a provider-down or unknown-symbol
      // notification raised during a cron `warm` is delivered even when no daemon runs.
      if (deliveryConfigured(deps.config.notify)) {
        void deliverPending(deps.db, deps.config.notify, { now: deps.now(), env: deps.env }).catch((err: unknown) => deps.onError?.(err));
      }
    } catch (err) {
      deps.onError?.(err);
    }
  };
}
