/**
 * Ghostfolio's export JSON, streamed in two passes over the tokens (json-tokens.ts): the first
 * assembles only `accounts` and `assetProfiles` and notes the ISINs used as symbols; the second
 * assembles one activity at a time and maps it (mapActivity). So the activities are never all held,
 * and the keys may come in any order.
 */
import { mapActivity, type Activity, type Export } from './ghostfolio.js';
import { Assembler, jsonTokens, type Token } from './json-tokens.js';
import { isIsin } from './symbols.js';
import { Collector, type ParseContext, type ParsedFile, type SourceRecord, type TextSource } from './types.js';
import { withIsins } from './with-isins.js';

export function parseGhostfolioJson(source: TextSource, ctx: ParseContext): ParsedFile {
  const out = new Collector('ghostfolio');
  return { format: 'ghostfolio', records: records(source, ctx, out), warnings: out.warnings };
}

type Sink = { top?: (key: string, value: unknown) => void; activity?: (value: unknown, index: number) => void; symbol?: (text: string) => void };

/** Walks the tokens of one chunk; keeps its place between chunks. */
class Walker {
  private depth = 0;
  private top = '';
  private key = '';
  private asm: Assembler | null = null;
  private index = 0;
  activities = false;
  root = true;
  constructor(private readonly sink: Sink) {}

  feed(tokens: Token[]): void {
    for (const t of tokens) {
      if (this.asm) {
        this.asm.consume(t);
        if (this.asm.done) this.deliver(this.asm.current);
        continue;
      }
      const opens = t.name === 'startObject' || t.name === 'startArray';
      const isValue = opens || t.name === 'stringValue' || t.name === 'numberValue' || t.name === 'nullValue' || t.name === 'trueValue' || t.name === 'falseValue';
      if (this.depth === 0 && isValue && t.name !== 'startObject') this.root = false;
      if (t.name === 'keyValue') {
        if (this.depth === 1) this.top = t.value;
        this.key = t.value;
      } else if (isValue && this.depth === 1 && this.top === 'activities') {
        if (t.name !== 'startArray') throw new Error('"activities" is not an array');
        this.activities = true;
      } else if (isValue && this.depth === 1 && this.sink.top && (this.top === 'accounts' || this.top === 'assetProfiles')) {
        this.assemble(t);
        continue;
      } else if (isValue && this.depth === 2 && this.top === 'activities' && this.sink.activity) {
        this.assemble(t);
        continue;
      } else if (t.name === 'stringValue' && this.depth === 3 && this.top === 'activities' && this.key === 'symbol') this.sink.symbol?.(t.value);
      if (opens) this.depth++;
      else if (t.name === 'endObject' || t.name === 'endArray') this.depth--;
    }
  }

  private assemble(t: Token): void {
    this.asm = new Assembler();
    this.asm.consume(t);
    if (this.asm.done) this.deliver(this.asm.current);
  }

  private deliver(value: unknown): void {
    this.asm = null;
    if (this.depth === 1) this.sink.top?.(this.top, value);
    else this.sink.activity?.(value, this.index++);
  }
}

async function* records(source: TextSource, ctx: ParseContext, out: Collector): AsyncGenerator<SourceRecord> {
  const doc: Export = {};
  const isins = new Set<string>();
  const first = new Walker({ top: (k, v) => Object.assign(doc, { [k]: v }), symbol: (s) => isIsin(s) && isins.add(s.trim().toUpperCase()) });
  try {
    for await (const tokens of jsonTokens(source())) first.feed(tokens);
  } catch (err) {
    out.fail(0, 'file', `not valid JSON: ${(err as Error).message}`);
    return yield* out.drain();
  }
  if (!first.root || !first.activities) {
    out.fail(0, 'file', 'no "activities" array: not a Ghostfolio export');
    return yield* out.drain();
  }
  const accountList = Array.isArray(doc.accounts) ? doc.accounts : [];
  const accounts = new Map(accountList.map((a) => [a.id, a.name ?? a.id]));
  const names = new Map((Array.isArray(doc.assetProfiles) ? doc.assetProfiles : []).map((p) => [p.symbol, p.name ?? p.symbol]));
  // ITEM was a valid type until 2025-09; exports of that time have `accounts[].balance`.
  const legacy = accountList.some((a) => a.balance !== undefined);
  for (const a of accountList) {
    if ((a.balances?.length ?? 0) > 0 || a.balance) {
      out.warn(`accounts (${a.name ?? a.id})`, 'cash balances are snapshots, not transactions: not imported (record the opening cash with "portfolio add deposit" to track cash)');
    }
  }
  const m = { accounts, names, legacy, ctx: await withIsins(ctx, isins), out };
  const second = new Walker({
    activity: (v, i) => {
      const a = (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {}) as Activity;
      const where = `activities[${i}]${typeof a.symbol === 'string' && a.symbol ? ` (${a.type ?? '?'} ${a.symbol})` : ''}`;
      mapActivity(a, i + 1, where, m);
    },
  });
  for await (const tokens of jsonTokens(source())) {
    second.feed(tokens);
    yield* out.drain();
  }
  yield* out.drain();
}
