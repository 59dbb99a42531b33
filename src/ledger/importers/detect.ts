/**
 * `import FILE --from auto|portfolio|ghostfolio|ibkr|trading212|pp`: picks the parser (by
 * content when `auto`) and returns its records, or null for our own CSV (streamed by import-csv).
 */
import { open, stat } from 'node:fs/promises';
import { InputError } from '../../base/errors.js';
import { looksLikeGhostfolioCsv, parseGhostfolioCsv } from './ghostfolio-csv.js';
import { looksLikeGhostfolioJson } from './ghostfolio.js';
import { parseGhostfolioJson } from './ghostfolio-json.js';
import { parseIbkr } from './ibkr.js';
import { looksLikeIbkrCsv, looksLikeIbkrXml } from './ibkr-read.js';
import { looksLikePp, parsePp } from './pp.js';
import { looksLikeTrading212, parseTrading212 } from './trading212.js';
import { fileText } from './text-source.js';
import type { ParseContext, ParsedFile } from './types.js';
import { probingIsins } from './with-isins.js';

export const FORMATS = ['auto', 'portfolio', 'ghostfolio', 'ibkr', 'trading212', 'pp'] as const;
export type ImportFormat = (typeof FORMATS)[number];

const OURS = new Set(['date', 'type', 'symbol', 'quantity', 'price', 'amount', 'fee', 'currency', 'account', 'note', 'ratio', 'to_account', 'to_symbol', 'fraction']);

/** The first line's cells (enough to recognise a CSV dialect). */
function headerCells(text: string): string[] {
  const line = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').trim();
  const sep = (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ';' : ',';
  return line.split(sep).map((c) => c.trim().replace(/^"|"$/g, ''));
}

export function detectFormat(text: string): Exclude<ImportFormat, 'auto'> | null {
  if (looksLikeGhostfolioJson(text)) return 'ghostfolio';
  if (looksLikeIbkrXml(text)) return 'ibkr';
  const header = headerCells(text);
  if (header.every((h) => OURS.has(h.toLowerCase())) && header.some((h) => h.toLowerCase() === 'type')) return 'portfolio';
  if (looksLikeIbkrCsv(header)) return 'ibkr';
  if (looksLikeTrading212(header)) return 'trading212';
  if (looksLikeGhostfolioCsv(header)) return 'ghostfolio';
  if (looksLikePp(header)) return 'pp';
  // Anything else that is not JSON or XML is read as our CSV, whose reader names each bad column.
  return /^\s*[{<[]/.test(text) ? null : 'portfolio';
}

/** Parses FILE in `format`; null when it is our own CSV (the streaming path reads it). */
export async function parseFile(path: string, name: string, format: ImportFormat, ctx: ParseContext): Promise<ParsedFile | null> {
  if (format === 'portfolio') return null;
  let head: string;
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
    // Detection reads the first 64 KiB only, so our own CSV still streams at any size.
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw new InputError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const chosen = format === 'auto' ? detectFormat(head) : format;
  if (chosen === null) {
    throw new InputError(`${name}: not a format this version reads (our CSV, Ghostfolio JSON/CSV, IBKR Flex XML/CSV, Trading 212 CSV, Portfolio Performance CSV); use --from to name it; nothing was imported`);
  }
  if (chosen === 'portfolio') return null;
  // Every format is streamed: the file is read in chunks and its records mapped as they come.
  const source = fileText(path, name);
  switch (chosen) {
    case 'ibkr':
      return parseIbkr(source, looksLikeIbkrXml(head), ctx);
    case 'ghostfolio':
      return looksLikeGhostfolioJson(head) ? parseGhostfolioJson(source, ctx) : probingIsins(chosen, ctx, (c) => parseGhostfolioCsv(source, c));
    case 'trading212':
      return probingIsins(chosen, ctx, (c) => parseTrading212(source, c));
    case 'pp':
      return probingIsins(chosen, ctx, (c) => parsePp(source, head, c));
  }
}
