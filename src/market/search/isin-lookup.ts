/**
 * ISINs to symbols for importers: each distinct ISIN asked once (OpenFIGI and Yahoo, as
 * `portfolio search ISIN`), a few at a time through the shared HTTP limiter; the best-ranked
 * listing wins. When every provider fails the rest are not asked (offline): each gets the reason.
 */
import { checkIsin } from '../../core/isin.js';
import { rankHits } from './rank.js';
import { askAll, searchClients, type SearchDeps } from './search.js';

export type IsinSymbol = { symbol: string } | { problem: string };

const AT_ONCE = 4;

export async function lookupIsinSymbols(deps: SearchDeps, isins: readonly string[], fixed: ReadonlyMap<string, string> = new Map()): Promise<Map<string, IsinSymbol>> {
  const out = new Map<string, IsinSymbol>();
  const todo: string[] = [];
  for (const isin of new Set(isins)) {
    const given = fixed.get(isin.toUpperCase());
    const c = checkIsin(isin);
    if (given) out.set(isin, { symbol: given });
    else if (!c.ok) out.set(isin, { problem: `not a valid ISIN (${c.reason})` });
    else todo.push(isin);
  }
  if (todo.length === 0) return out;
  const clients = await searchClients(deps, 'isin');
  let offline: string | null = null;
  try {
    for (let i = 0; i < todo.length; i += AT_ONCE) {
      await Promise.all(
        todo.slice(i, i + AT_ONCE).map(async (isin) => {
          if (offline) return out.set(isin, { problem: offline });
          const { groups, failures } = await askAll(clients, isin.toUpperCase());
          const best = rankHits(isin.toUpperCase(), groups).find((h) => h.type !== 'option');
          const failed = failures.map((f) => `${f.source}: ${f.message}`).join('; ');
          if (best) out.set(isin, { symbol: best.symbol });
          else if (failures.length === clients.length) {
            offline = `the lookup failed (${failed}), offline?`;
            out.set(isin, { problem: offline });
          } else out.set(isin, { problem: `no listing found by ${clients.map((c) => c.name).join(' or ')}${failed ? ` (${failed})` : ''}` });
        }),
      );
    }
  } finally {
    for (const c of clients) c.close?.();
  }
  return out;
}
