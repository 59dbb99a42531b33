/**
 * Ghostfolio's export JSON. Up to WHOLE_JSON_CHARS of text it is parsed whole (JSON.parse: several
 * times faster than a token stream; the text and its parsed form are held, about 5 times the file
 * size in memory). A larger file is streamed (json-tokens.ts): one pass assembles `accounts`,
 * `assetProfiles` and each activity in turn, noting the ISINs used as symbols; the activities go to
 * a temporary file (spill.ts) and are mapped from there once the accounts and ISINs are known. So
 * the activities are never all held, and the keys may come in any order.
 */
import { mapActivity, type Activity, type Export } from './ghostfolio.js';
import { Assembler, jsonTokens, type Token } from './json-tokens.js';
import { isIsin } from './symbols.js';
import { Spill } from './spill.js';
import { readUpTo } from './text-source.js';
import { Collector, type ParseContext, type ParsedFile, type SourceRecord, type TextSource } from './types.js';
import { withIsins } from './with-isins.js';

/** Texts up to this many characters (16 Mi; a 100,000-activity export is about 15 M) are parsed whole. */
export const WHOLE_JSON_CHARS = 16 * 1024 * 1024;

export function parseGhostfolioJson(source: TextSource, ctx: ParseContext, options: { wholeUpTo?: number } = {}): ParsedFile {
  const out = new Collector('ghostfolio');
  return { format: 'ghostfolio', records: records(source, ctx, out, options.wholeUpTo ?? WHOLE_JSON_CHARS), warnings: out.warnings };
}

class NotGhostfolio extends Error {}

type Sink = { top: (key: string, value: unknown) => void; activity: (value: unknown) => void };

/** Walks the tokens of one chunk; keeps its place between chunks. */
class Walker {
  private depth = 0;
  private top = '';
  private asm: Assembler | null = null;
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
      } else if (isValue && this.depth === 1 && this.top === 'activities') {
        if (t.name !== 'startArray') throw new NotGhostfolio();
        this.activities = true;
      } else if (isValue && this.depth === 1 && (this.top === 'accounts' || this.top === 'assetProfiles')) {
        this.assemble(t);
        continue;
      } else if (isValue && this.depth === 2 && this.top === 'activities') {
        this.assemble(t);
        continue;
      }
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
    if (this.depth === 1) this.sink.top(this.top, value);
    else this.sink.activity(value);
  }
}

/** Pass 1, streamed: the top-level values as they come, and each activity (yielded, not held). */
async function* streamedActivities(chunks: AsyncIterable<string>, doc: Export): AsyncGenerator<unknown> {
  const ready: unknown[] = [];
  const walker = new Walker({ top: (k, v) => Object.assign(doc, { [k]: v }), activity: (v) => ready.push(v) });
  for await (const tokens of jsonTokens(chunks)) {
    walker.feed(tokens);
    yield* ready.splice(0);
  }
  if (!walker.root || !walker.activities) throw new NotGhostfolio();
}

/** The whole text parsed: the same checks and the same parts as the streamed pass. */
function wholeActivities(text: string, doc: Export): unknown[] {
  const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new NotGhostfolio();
  const top = value as Record<string, unknown>;
  if (!Array.isArray(top.activities)) throw new NotGhostfolio();
  if ('accounts' in top) doc.accounts = top.accounts as Export['accounts'];
  if ('assetProfiles' in top) doc.assetProfiles = top.assetProfiles as Export['assetProfiles'];
  return top.activities;
}

async function* records(source: TextSource, ctx: ParseContext, out: Collector, wholeUpTo: number): AsyncGenerator<SourceRecord> {
  const doc: Export = {};
  const isins = new Set<string>();
  const note = (a: unknown): void => {
    const symbol = (a as Activity | null)?.symbol;
    if (typeof symbol === 'string' && isIsin(symbol)) isins.add(symbol.trim().toUpperCase());
  };
  // Tokenizing is the slow part: streamed activities are parsed once and replayed from a temporary file.
  let spill: Spill<unknown> | null = null;
  try {
    let list: unknown[] | null = null;
    try {
      const head = await readUpTo(source, wholeUpTo);
      if ('text' in head) {
        list = wholeActivities(head.text, doc);
        for (const a of list) note(a);
      } else {
        spill = await Spill.create<unknown>();
        for await (const a of spill.tee(streamedActivities(head.chunks, doc))) note(a);
      }
    } catch (err) {
      out.fail(0, 'file', err instanceof NotGhostfolio ? 'no "activities" array: not a Ghostfolio export' : `not valid JSON: ${(err as Error).message}`);
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
    let i = 0;
    const map = (v: unknown): void => {
      const a = (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {}) as Activity;
      const where = `activities[${i}]${typeof a.symbol === 'string' && a.symbol ? ` (${a.type ?? '?'} ${a.symbol})` : ''}`;
      mapActivity(a, ++i, where, m);
    };
    if (list) {
      for (let k = 0; k < list.length; k++) {
        map(list[k]);
        list[k] = undefined; // mapped: its memory can go
        yield* out.drain();
      }
    } else if (spill) {
      for await (const v of spill.replay()) {
        map(v);
        yield* out.drain();
      }
    }
  } finally {
    await spill?.dispose();
  }
}
