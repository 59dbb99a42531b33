/**
 * The streamed parsers (IBKR Flex XML and CSV, Ghostfolio JSON) never hold the whole file: fed in
 * small chunks, they hand out records long before the last chunk is read. And a bad record at the
 * end still refuses the whole import, named, with nothing written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../src/ledger/importers/csv-records.js';
import { parseGhostfolioJson } from '../../../src/ledger/importers/ghostfolio-json.js';
import { parseIbkr } from '../../../src/ledger/importers/ibkr.js';
import { jsonTokens } from '../../../src/ledger/importers/json-tokens.js';
import type { ParsedFile, TextSource } from '../../../src/ledger/importers/types.js';
import { home } from '../../helpers/import-fixtures.js';

const ROWS = 300;
const day = (i: number) => `2020${String(1 + Math.floor(i / 28) % 12).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
const xml = (bad = -1) =>
  `<FlexQueryResponse><FlexStatements count="1"><FlexStatement accountId="U1"><Trades>\n${Array.from({ length: ROWS }, (_, i) =>
    `<Trade assetCategory="STK" symbol="S${i % 7}" listingExchange="NYSE" currency="USD" tradeDate="${i === bad ? '2020-13-45x' : day(i)}" quantity="1" tradePrice="10" ibCommission="0" buySell="BUY" transactionID="${i}" levelOfDetail="EXECUTION" />`).join('\n')}\n</Trades></FlexStatement></FlexStatements></FlexQueryResponse>`;
const csv = () => ['"HEADER","TRNT","Symbol","CurrencyPrimary","TradeDate","Quantity","TradePrice","Buy/Sell","TransactionID"', ...Array.from({ length: ROWS }, (_, i) => `"DATA","TRNT","S${i % 7}","USD","${day(i)}","1","10","BUY","${i}"`)].join('\n');
const json = () => JSON.stringify({ meta: {}, activities: Array.from({ length: ROWS }, (_, i) => ({ id: `a${i}`, currency: 'USD', dataSource: 'YAHOO', date: '2020-01-02T00:00:00.000Z', fee: 0, quantity: 1, symbol: `S${i % 7}`, type: 'BUY', unitPrice: 10 })), accounts: [] });

/** A source in 256-character chunks that counts, per pass, how many chunks were read. */
function counted(text: string): { source: TextSource; reads: number[]; chunks: number } {
  const reads: number[] = [];
  const size = 256;
  return {
    reads,
    chunks: Math.ceil(text.length / size),
    source: () => {
      const pass = reads.push(0) - 1;
      return (async function* () {
        for (let i = 0; i < text.length; i += size) {
          reads[pass] = (reads[pass] as number) + 1;
          yield text.slice(i, i + size);
        }
      })();
    },
  };
}

async function firstRecordAt(parsed: ParsedFile, reads: number[]): Promise<{ at: number[]; count: number }> {
  let at: number[] | null = null;
  let count = 0;
  for await (const r of parsed.records) {
    expect(r.error).toBeUndefined();
    at ??= [...reads];
    count++;
  }
  return { at: at ?? [], count };
}

describe('streamed importers', () => {
  it.each([
    ['IBKR Flex XML (parsed twice)', () => xml(), (s: TextSource) => parseIbkr(s, true, { today: '2026-01-01' })],
  ])('%s: the first record comes out while most of the file is unread', async (_name, text, parse) => {
    const src = counted(text());
    expect(src.chunks).toBeGreaterThan(50);
    const { at, count } = await firstRecordAt(parse(src.source), src.reads);
    expect(count).toBe(ROWS);
    // Pass 1 (indexes) read it all; pass 2 had read only its first few chunks.
    expect(at[0]).toBe(src.chunks);
    expect(at[1]).toBeLessThan(src.chunks / 4);
    expect(src.reads).toEqual([src.chunks, src.chunks]);
  });

  it('Ghostfolio JSON, accounts after the activities: parsed once as it is read, then mapped from a temp file', async () => {
    const src = counted(json());
    const { count } = await firstRecordAt(parseGhostfolioJson(src.source, { today: '2026-01-01' }), src.reads);
    expect(count).toBe(ROWS);
    expect(src.reads).toEqual([src.chunks]);
    // The token reader hands out each chunk's tokens before the next chunk is read.
    const again = counted(json());
    let seen = 0;
    for await (const tokens of jsonTokens(again.source())) {
      seen += tokens.length;
      if (seen > 0) break;
    }
    expect(again.reads[0]).toBe(1);
  });

  it('IBKR Flex CSV: rows come out of the CSV reader as chunks arrive; the file is parsed once, then replayed from a temp file', async () => {
    const src = counted(csv());
    let firstAt = -1;
    let rows = 0;
    for await (const r of csvRecords(src.source())) {
      if (rows++ === 0) firstAt = src.reads[0] as number;
      expect(r.record.length).toBeGreaterThan(2);
    }
    expect(rows).toBe(ROWS + 1);
    expect(firstAt).toBeLessThan(src.chunks / 4);
    const again = counted(csv());
    const { count } = await firstRecordAt(parseIbkr(again.source, false, { today: '2026-01-01' }), again.reads);
    expect(count).toBe(ROWS);
    expect(again.reads).toEqual([again.chunks]);
  });

  it('a bad record at the end refuses the whole import, named; nothing is written', async () => {
    const h = home();
    const file = join(h.dir, 'flex.xml');
    writeFileSync(file, xml(ROWS - 2));
    const r = await h.run(['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 error; nothing was imported/);
    expect(r.stderr).toContain(`flex.xml:Trade[${ROWS - 2}] (S${(ROWS - 2) % 7}): row: trade date "2020-13-45x" is not a date`);
    expect(await h.json<unknown[]>(['transactions'])).toEqual([]);
    writeFileSync(file, xml().replace('</Trades>', '<Trade symbol="X" </Trades>'));
    const broken = await h.run(['import', file]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/file: row: not a readable IBKR Flex XML file: .*\d+:\d+/);
    expect(await h.json<unknown[]>(['transactions'])).toEqual([]);
  });
});
