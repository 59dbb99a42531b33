/**
 * Per provider for `status`: its circuit, requests and failed requests over the last 24 hours and,
 * for Alpha Vantage, what is left of its daily allowance. Keys are only tested for presence, never
 * shown. Local data only.
 */
import type { Config } from '../config.js';
import type { CircuitState } from '../core/market-data.js';
import { breakerStateNow } from '../store/breaker.js';
import type { Db } from '../store/db.js';
import { providerRequests } from '../store/provider-records.js';

export interface ProviderStatus {
  name: string;
  circuit: CircuitState;
  requests24h: number;
  failures24h: number;
  /** Whether the provider needs a key and one is set (null: needs none). */
  keyConfigured: boolean | null;
  budget: { limit: number; used: number; left: number } | null;
}

const KEYED = ['tiingo', 'alphavantage'] as const;

export function providerStatus(db: Db, config: Config, env: NodeJS.ProcessEnv, now: Date): ProviderStatus[] {
  const counts = providerRequests(db, new Date(now.getTime() - 86_400_000));
  const hasKey = (n: 'tiingo' | 'alphavantage') => Boolean(env[`PORTFOLIO_${n.toUpperCase()}_KEY`]?.trim() || config[n].apiKey);
  const names = config.provider === 'sim' ? ['sim'] : ['yahoo', 'ecb', 'coingecko', ...KEYED];
  for (const n of counts.keys()) if (!names.includes(n)) names.push(n);
  return names.map((name) => {
    const c = counts.get(name) ?? { requests: 0, failures: 0 };
    const keyed = (KEYED as readonly string[]).includes(name) ? hasKey(name as 'tiingo' | 'alphavantage') : null;
    const limit = name === 'alphavantage' ? (config.alphavantage.dailyLimit ?? 25) : null;
    return {
      name,
      circuit: name === 'sim' ? 'closed' : breakerStateNow(db, name, config.breaker, now),
      requests24h: c.requests,
      failures24h: c.failures,
      keyConfigured: keyed,
      budget: limit === null ? null : { limit, used: c.requests, left: Math.max(0, limit - c.requests) },
    };
  });
}

export function formatProviders(list: readonly ProviderStatus[]): string[] {
  const lines = ['Providers (24 h)'];
  for (const p of list) {
    const key = p.keyConfigured === false ? ', no key (not used)' : '';
    const budget = p.budget ? `, ${p.budget.left} of ${p.budget.limit} a day left` : '';
    lines.push(`  ${p.name.padEnd(13)} circuit ${p.circuit.padEnd(9)} ${p.requests24h} requests, ${p.failures24h} failed${budget}${key}`);
  }
  return lines;
}
