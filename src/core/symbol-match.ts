/**
 * How close two symbols are, for "did you mean AAPL?". Pure. Optimal string alignment distance
 * (Levenshtein plus adjacent transpositions: APPL -> AAPL is one edit).
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[n] as number[])[m] as number;
}

/** The largest distance still called a likely typo: one edit for short symbols, two from six characters. */
export function typoLimit(symbol: string): number {
  return symbol.length >= 6 ? 2 : 1;
}

/**
 * Candidates within typo distance of `symbol`, closest first (ties: same first letter, then
 * alphabetical), at most `limit`. The symbol itself is never suggested.
 */
export function closestSymbols(symbol: string, candidates: Iterable<string>, limit = 3): string[] {
  const s = symbol.toUpperCase();
  const max = typoLimit(s);
  const scored: { c: string; d: number }[] = [];
  for (const raw of new Set(candidates)) {
    const c = raw.toUpperCase();
    if (c === s) continue;
    const d = editDistance(s, c);
    if (d <= max) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || Number(y.c[0] === s[0]) - Number(x.c[0] === s[0]) || (x.c < y.c ? -1 : 1));
  return scored.slice(0, limit).map((x) => x.c);
}
