/**
 * Merges what several providers found into one ranked list: one row per symbol (the first
 * provider to name it wins, later ones fill gaps), best match first. Pure.
 */
import type { SearchHit } from './types.js';

function score(hit: SearchHit, q: string): number {
  const symbol = hit.symbol.toUpperCase();
  const name = (hit.name ?? '').toUpperCase();
  let s = 0;
  if (hit.isin !== undefined) s += 85;
  if (symbol === q) s += 100;
  else if (symbol.split(/[.-]/)[0] === q) s += 70;
  else if (symbol.startsWith(q)) s += 50;
  if (name === q) s += 60;
  else if (name.split(/[^A-Z0-9]+/).includes(q)) s += 45;
  else if (name.startsWith(q)) s += 40;
  else if (name.includes(q)) s += 20;
  // Derivatives match names too (AAPL calls): below the instrument itself.
  if (hit.type === 'option' || hit.type === 'future') s -= 60;
  // A provider's own order matters among equal matches: its first answers are its best guesses.
  return s - Math.min(hit.providerRank, 20);
}

export function rankHits(query: string, groups: readonly SearchHit[][], limit = 25): SearchHit[] {
  const q = query.trim().toUpperCase();
  const bySymbol = new Map<string, { hit: SearchHit; score: number; order: number }>();
  let order = 0;
  for (const hits of groups) {
    for (const hit of hits) {
      const sc = score(hit, q);
      const prev = bySymbol.get(hit.symbol);
      if (!prev) bySymbol.set(hit.symbol, { hit, score: sc, order: order++ });
      else {
        const h = prev.hit;
        prev.hit = { ...h, name: h.name ?? hit.name, exchange: h.exchange ?? hit.exchange, type: h.type ?? hit.type, currency: h.currency ?? hit.currency, ...(h.isin ?? hit.isin ? { isin: h.isin ?? hit.isin } : {}) };
        prev.score = Math.max(prev.score, sc);
      }
    }
  }
  return [...bySymbol.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((x) => x.hit);
}
