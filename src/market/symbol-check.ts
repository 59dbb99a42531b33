/**
 * Symbols are checked where they enter (add, watch add, alert add, import): one the database
 * already knows passes at once; otherwise the provider is asked. A symbol no provider knows is
 * refused with the closest known ones ("did you mean AAPL?"), unless forced; a provider that
 * cannot be reached only earns a warning, never a block.
 */
import { InputError } from '../base/errors.js';
import type { MarketDeps } from './create.js';
import type { MarketService } from './types.js';

/** What the symbol check needs of the app's dependencies (deps.ts satisfies it). */
export interface SymbolCheckDeps extends MarketDeps {
  market(): Promise<MarketService>;
  stderr: NodeJS.WritableStream;
  /** An interrupt ends the check at once (the symbols are then accepted as given). */
  signal?: AbortSignal;
}
import { closestSymbols } from '../core/symbol-match.js';
import { locallyKnownSymbols } from '../store/watchlists.js';
import { askAll, searchClients } from './search/search.js';
import { simKnownSymbols } from './search/sim-search.js';
import type { SearchHit } from './search/types.js';

export interface RefusedSymbol {
  symbol: string;
  suggestions: string[];
  message: string;
}

export interface SymbolCheck {
  refused: RefusedSymbol[];
  /** Symbols that could not be checked (provider unreachable), in words. */
  warnings: string[];
}

/** The message for a refused symbol: `unknown symbol APPL: did you mean AAPL?`. */
function refusal(symbol: string, suggestions: string[]): RefusedSymbol {
  const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(' or ')}?` : 'no provider knows it';
  return { symbol, suggestions, message: `unknown symbol ${symbol}: ${hint}` };
}

function suggest(symbol: string, hits: readonly SearchHit[], known: Iterable<string>): string[] {
  const close = closestSymbols(symbol, [...hits.map((h) => h.symbol), ...known, ...simKnownSymbols()]);
  // Nothing a typo away, but the provider found something by name (APPLE -> AAPL): offer its best.
  return close.length > 0 ? close : hits.filter((h) => h.type !== 'option').slice(0, 3).map((h) => h.symbol);
}

export async function checkSymbols(deps: SymbolCheckDeps, input: readonly string[]): Promise<SymbolCheck> {
  const db = deps.db();
  const known = locallyKnownSymbols(db);
  const todo = [...new Set(input.map((s) => s.toUpperCase()))].filter((s) => !known.has(s));
  const out: SymbolCheck = { refused: [], warnings: [] };
  if (todo.length === 0) return out;
  const config = deps.config();
  if (config.provider === 'sim') {
    // The simulated market prices any symbol; only one a typo away from a symbol it knows by name is refused.
    const universe = simKnownSymbols();
    for (const s of todo) {
      if (universe.includes(s)) continue;
      const close = closestSymbols(s, [...universe, ...known]);
      if (close.length > 0) out.refused.push(refusal(s, close));
    }
    return out;
  }

  // One quick search tells whether the provider is reachable (and often settles the first symbol).
  const searchDeps = { db, config, env: deps.env, now: () => deps.clock.now() };
  const all = await searchClients(searchDeps, 'text', { quick: true });
  // Yahoo's search is about Yahoo symbols; CoinGecko's pairs are only a guess at them.
  const clients = all.filter((c) => c.name === 'yahoo');
  const hitsFor = new Map<string, SearchHit[]>();
  try {
    const first = todo[0] as string;
    const probe = await askAll(clients, first, deps.signal);
    if (probe.failures.length > 0) {
      out.warnings.push(`could not check ${todo.join(', ')} (${probe.failures[0]?.message ?? 'provider unreachable'}); accepted as given`);
      return out;
    }
    hitsFor.set(first, probe.groups.flat());
    const unsettled = todo.filter((s) => !(hitsFor.get(s) ?? []).some((h) => h.symbol === s));
    if (unsettled.length === 0) return out;

    // The quote endpoint is the final word on existence (and caches the price the user will want next).
    const market = await deps.market();
    const res = await market.refreshQuotes(unsettled, { context: 'check', signal: deps.signal ? AbortSignal.any([deps.signal, AbortSignal.timeout(8_000)]) : AbortSignal.timeout(8_000) });
    // A final answer without a quote (unknown, or an empty answer) means no provider knows it; a
    // temporary failure (timeout, 5xx, circuit open) only means it could not be checked.
    const unknown = res.failed.filter((f) => f.unknown === true || f.temporary === false);
    const unsure = res.failed.filter((f) => !unknown.includes(f));
    if (unsure.length > 0) out.warnings.push(`could not check ${unsure.map((f) => f.symbol).join(', ')} (${unsure[0]?.message}); accepted as given`);
    for (const f of unknown) {
      if (!hitsFor.has(f.symbol)) {
        const r = await askAll(clients, f.symbol, deps.signal);
        hitsFor.set(f.symbol, r.groups.flat());
      }
      out.refused.push(refusal(f.symbol, suggest(f.symbol, hitsFor.get(f.symbol) ?? [], known)));
    }
    return out;
  } finally {
    for (const c of all) c.close?.();
  }
}

/** Writes the warnings to stderr; throws an InputError naming every refused symbol unless forced. */
export async function vetSymbols(deps: SymbolCheckDeps, symbols: readonly string[], options: { force?: boolean; what?: string } = {}): Promise<void> {
  if (options.force || symbols.length === 0) return;
  const check = await checkSymbols(deps, symbols);
  // Interrupted while asking: the user wants nothing recorded, not symbols "accepted as given".
  if (deps.signal?.aborted) throw new InputError(`stopped while checking ${symbols.join(', ')}; nothing was ${options.what ?? 'recorded'}`);
  for (const w of check.warnings) deps.stderr.write(`portfolio: warning: ${w}\n`);
  if (check.refused.length === 0) return;
  const [head, ...rest] = check.refused;
  throw new InputError(`${(head as RefusedSymbol).message}; nothing was ${options.what ?? 'recorded'}`, [
    ...rest.map((r) => `  ${r.message}`),
    '  (use --force to accept a symbol that no provider knows)',
  ]);
}
