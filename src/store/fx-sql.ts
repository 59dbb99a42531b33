import { FX_PAIR_SUFFIX } from '../core/currency.js';

/** SQL's form of isFxPair (src/core/currency.ts) on `column`: `column LIKE '%=X'`. */
export function sqlIsFxPair(column: string): string {
  return `${column} LIKE '%${FX_PAIR_SUFFIX}'`;
}
