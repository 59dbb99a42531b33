/**
 * The box table every listing uses (src/base/text-table.ts): linear, no recursion over rows, and
 * streaming: with `measure`, the first lines come out after reading only that many rows.
 */
import { describe, expect, it } from 'vitest';
import { renderTable, tableLines, writeLinesAsync, type Cell } from '../../src/base/text-table.js';

const spec = { head: ['id', 'name', 'amount'], align: ['right', 'left', 'right'] as const };

function* generated(n: number, pulled: { count: number }): Generator<Cell[]> {
  for (let i = 0; i < n; i++) {
    pulled.count++;
    yield [i, `row ${i % 97}`, (i * 1.5).toFixed(2)];
  }
}

describe('tableLines', () => {
  it('draws 200,000 generated rows (no recursion over rows), one line each', () => {
    const n = 200_000;
    const pulled = { count: 0 };
    let lines = 0;
    let last = '';
    let bad = 0;
    for (const l of tableLines(spec, generated(n, pulled), { measure: 200 })) {
      lines++;
      // Ids past the first page are wider than its widths: printed whole all the same.
      if (lines > 3 && lines <= n + 3 && !/^│ +\d+ │ row \d+ +│ +[\d.]+ │$/.test(l)) bad++;
      last = l;
    }
    expect(lines).toBe(n + 4);
    expect(bad).toBe(0);
    expect(pulled.count).toBe(n);
    expect(last).toMatch(/^└─+┴─+┴─+┘$/);
  });

  it('writes its first lines after reading only the rows it measures', () => {
    const pulled = { count: 0 };
    const it = tableLines(spec, generated(100_000, pulled), { measure: 50 });
    expect(it.next().value).toMatch(/^┌/);
    expect(pulled.count).toBe(51); // the first page plus the one row that ended it
    it.return(undefined);
  });

  it('prints a later, wider cell whole instead of cutting it, and keeps the rest aligned', () => {
    const rows: Cell[][] = [[1, 'a', '1.00'], [2, 'b', '2.00'], [3, 'a much longer name', '123,456,789.00'], [4, 'c', '3.00']];
    const lines = [...tableLines(spec, rows, { measure: 2 })];
    expect(lines[5]).toBe('│  3 │ a much longer name │ 123,456,789.00 │');
    expect(lines[3]).toBe('│  1 │ a    │   1.00 │');
    expect(lines[6]).toBe('│  4 │ c    │   3.00 │');
    expect(lines[0]?.length).toBe(lines[6]?.length);
  });

  it('takes least widths from a hint (e.g. a SQL aggregate over rows not yet read)', () => {
    const lines = [...tableLines(spec, [[1, 'a', '1']], { measure: 1, minWidths: [undefined, 6] })];
    expect(lines[3]).toBe('│  1 │ a      │      1 │');
  });

  it('measures every row by default (small tables look as before)', () => {
    const rows: Cell[][] = [[1, 'a', '1'], [22, 'longer', '10']];
    expect(renderTable(spec, rows).split('\n')[3]).toBe('│  1 │ a      │      1 │');
  });

  it('releases the rows when the reader stops early', () => {
    let closed = false;
    function* rows(): Generator<Cell[]> {
      try {
        for (let i = 0; ; i++) yield [i, 'x', '1'];
      } finally {
        closed = true;
      }
    }
    const it = tableLines(spec, rows(), { measure: 5 });
    it.next();
    it.return(undefined);
    expect(closed).toBe(true);
  });
});

describe('writeLinesAsync', () => {
  it('stops at the next chunk once its signal is aborted', async () => {
    const ac = new AbortController();
    const chunks: string[] = [];
    const out = {
      write(text: string) {
        chunks.push(text);
        if (chunks.length === 2) ac.abort();
        return true;
      },
    } as unknown as NodeJS.WritableStream;
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    const written = await writeLinesAsync(out, lines, { chunk: 100, signal: ac.signal });
    expect(written).toBe(200);
    expect(chunks).toHaveLength(2);
  });
});
