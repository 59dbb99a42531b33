import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const HEADER = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio\r\n';

/**
 * Writes a valid ledger CSV of about `bytes` bytes (buys and dividends over 500 symbols and 7
 * accounts), optionally followed by one bad row. Returns the number of data rows.
 */
export async function writeBigCsv(path: string, bytes: number, badLastRow?: string): Promise<number> {
  const out = createWriteStream(path);
  out.write(HEADER);
  let written = HEADER.length;
  let i = 0;
  let chunk = '';
  while (written < bytes) {
    const day = new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
    const symbol = `SYM${i % 500}`;
    const line =
      i % 10 === 9
        ? `${day},dividend,${symbol},,,1.25,,USD,acct${i % 7},div ${i},\r\n`
        : `${day},buy,${symbol},${1 + (i % 13)},${(10 + (i % 1000) / 7).toFixed(4)},,0.5,USD,acct${i % 7},lot ${i},\r\n`;
    chunk += line;
    written += line.length;
    i++;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (badLastRow) {
    chunk += `${badLastRow}\r\n`;
    i++;
  }
  out.end(chunk);
  await once(out, 'finish');
  return i;
}
