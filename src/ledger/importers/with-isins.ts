/**
 * ISINs to symbols, once per file: a parser collects the distinct ISINs that need a symbol, they
 * are looked up together (`ctx.lookupIsins`, built by the CLI from the symbol search), and the
 * records are then mapped with the answers (`ctx.resolveIsin`). Without a lookup nothing changes:
 * each row keeps its ISIN, with a warning (symbols.ts).
 */
import type { ParseContext, ParsedFile, SourceRecord } from './types.js';

export async function withIsins(ctx: ParseContext, isins: Iterable<string>): Promise<ParseContext> {
  const list = [...new Set(isins)];
  if (!ctx.lookupIsins || list.length === 0) return ctx;
  const table = await ctx.lookupIsins(list);
  return { ...ctx, lookupIsins: undefined, resolveIsin: (isin) => table.get(isin) ?? ctx.resolveIsin?.(isin) ?? null };
}

/**
 * For a parser without a pass of its own: a first run only notes the ISINs it asks for (its
 * records and warnings are dropped), then the real run maps with the answers.
 */
export function probingIsins(format: string, ctx: ParseContext, parse: (ctx: ParseContext) => ParsedFile): ParsedFile {
  if (!ctx.lookupIsins) return parse(ctx);
  const warnings: string[] = [];
  async function* records(): AsyncGenerator<SourceRecord> {
    const seen = new Set<string>();
    const probe = parse({ ...ctx, lookupIsins: undefined, resolveIsin: (isin) => (seen.add(isin), null) });
    for await (const _ of probe.records);
    const real = parse(await withIsins(ctx, seen));
    yield* real.records;
    warnings.push(...real.warnings);
  }
  return { format, records: records(), warnings };
}
