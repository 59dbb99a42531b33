/**
 * The faster paths of the importers give the same results as the streamed ones: a Ghostfolio
 * export parsed whole (below WHOLE_JSON_CHARS) yields the records a streamed parse yields, for
 * every fixture and for broken or foreign JSON; CSV rows of varying length keep their line numbers;
 * import keys are the content hash with its occurrence number, as before.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NewTransaction } from '../../../src/core/types.js';
import { contentHash, stagingKey } from '../../../src/ledger/import-keys.js';
import { csvRecords } from '../../../src/ledger/importers/csv-records.js';
import { parseGhostfolioJson } from '../../../src/ledger/importers/ghostfolio-json.js';
import { readUpTo, stringText } from '../../../src/ledger/importers/text-source.js';
import type { SourceRecord } from '../../../src/ledger/importers/types.js';
import { importFixture } from '../../helpers/import-fixtures.js';

async function parsed(text: string, wholeUpTo: number): Promise<{ records: SourceRecord[]; warnings: string[] }> {
  const lookupIsins = async (isins: string[]) => new Map(isins.map((i) => [i, { problem: `no listing for ${i}` }]));
  const p = parseGhostfolioJson(stringText(text, 100), { today: '2026-01-01', lookupIsins }, { wholeUpTo });
  const records: SourceRecord[] = [];
  for await (const r of p.records) records.push(r);
  return { records, warnings: p.warnings };
}

describe('Ghostfolio JSON parsed whole', () => {
  const dir = importFixture('ghostfolio');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it.each(files)('%s: the same records and warnings as streamed', async (file) => {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    const whole = await parsed(text, text.length);
    const streamed = await parsed(text, 0);
    expect(whole.records.length).toBeGreaterThan(0);
    expect(whole).toEqual(streamed);
  });

  it.each([
    ['', /not valid JSON|not a Ghostfolio/],
    ['[1, 2]', /not a Ghostfolio export/],
    ['{"accounts": []}', /not a Ghostfolio export/],
    ['{"activities": {"a": 1}}', /not a Ghostfolio export/],
    ['{"activities": [1, null, {"type": "BUY"}]', /not valid JSON/],
    ['{"activities": []} x', /not valid JSON/],
    ['{"activities": [], }', /not valid JSON/],
  ])('%j is refused as when streamed', async (text, message) => {
    const whole = await parsed(text, 1000);
    const streamed = await parsed(text, 0);
    expect(whole.records).toHaveLength(1);
    expect(whole.records[0]?.where).toBe('file');
    expect(whole.records[0]?.error).toMatch(message);
    expect(streamed.records.map((r) => [r.where, r.error?.split(':')[0]])).toEqual(whole.records.map((r) => [r.where, r.error?.split(':')[0]]));
  });

  it('activities that are not objects are refused by record, as when streamed', async () => {
    const text = '\uFEFF{"activities": [7, {"type": "BUY", "symbol": "AAPL", "date": "2020-01-02T00:00:00.000Z", "quantity": 1, "unitPrice": 5, "fee": 0, "currency": "USD"}]}';
    const whole = await parsed(text, 1000);
    expect(whole.records.map((r) => r.where)).toEqual(['activities[0]', 'activities[1] (BUY AAPL)']);
    expect(whole.records[0]?.error).toBeDefined();
    expect(whole.records[1]?.cells).toMatchObject({ type: 'buy', symbol: 'AAPL', quantity: '1', price: '5' });
    expect(await parsed(text, 0)).toEqual(whole);
  });
});

describe('readUpTo', () => {
  it('gives the whole text within the limit, else every chunk once, in order', async () => {
    const text = 'abcdefghij'.repeat(10);
    expect(await readUpTo(stringText(text, 7), 100)).toEqual({ text });
    const over = await readUpTo(stringText(text, 7), 20);
    expect('chunks' in over).toBe(true);
    let back = '';
    if ('chunks' in over) for await (const c of over.chunks) back += c;
    expect(back).toBe(text);
  });
});

describe('CSV rows of varying length (IBKR sections)', () => {
  it('each row whole, with its own line number, in order', async () => {
    const text = ['"HEADER","TRNT","A","B","C"', '"HEADER","CTRN","A"', '"DATA","TRNT","1","2","3"', '"DATA","CTRN","x"', '', '"DATA","TRNT","4","5","6"', '"DATA","CTRN","multi', 'line"', '"DATA","TRNT","7","8","9"'].join('\n');
    const rows: [number, string[]][] = [];
    for await (const r of csvRecords(stringText(text, 5)())) rows.push([r.info.lines, r.record]);
    expect(rows).toEqual([
      [1, ['HEADER', 'TRNT', 'A', 'B', 'C']],
      [2, ['HEADER', 'CTRN', 'A']],
      [3, ['DATA', 'TRNT', '1', '2', '3']],
      [4, ['DATA', 'CTRN', 'x']],
      [6, ['DATA', 'TRNT', '4', '5', '6']],
      [8, ['DATA', 'CTRN', 'multi\nline']],
      [9, ['DATA', 'TRNT', '7', '8', '9']],
    ]);
  });
});

describe('import keys', () => {
  const tx: NewTransaction = { date: '2020-01-02', type: 'buy', symbol: 'AAPL', quantity: 1, price: 5, amount: null, fee: 0, currency: 'USD', account: 'default', note: null, ratio: null };

  it('the content hash is sha256 of the row as JSON, base64url, 24 characters (the keys of existing ledgers)', () => {
    const text = JSON.stringify(['2020-01-02', 'buy', 'AAPL', 1, 5, null, 0, 'USD', 'default', null, null]);
    expect(contentHash(tx)).toBe(createHash('sha256').update(text).digest('base64url').slice(0, 24));
  });

  it('stages a content hash flagged for numbering; a source id is the key as it is', () => {
    expect(stagingKey(tx, undefined)).toEqual({ key: contentHash(tx), hashed: true });
    expect(stagingKey(tx, 'ibkr:U1:7')).toEqual({ key: 'ibkr:U1:7', hashed: false });
  });

});
