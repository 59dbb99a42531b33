/**
 * Reads the three Interactive Brokers Flex shapes into one form: records of a kind (trade, cash,
 * funds = Statement of Funds, corp = corporate action) whose field names are normalized
 * (lower case, letters and digits only), so `Buy/Sell` (CSV) and `buySell` (XML) are both `buysell`.
 */
import { csvRecords } from './csv-records.js';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export type IbKind = 'trade' | 'cash' | 'funds' | 'corp' | 'other';

export interface IbRecord {
  kind: IbKind;
  line: number;
  where: string;
  f: Record<string, string>;
  account: string | null;
}

const normalized = new Map<string, string>();
/** A field name normalized; remembered (a statement repeats a few dozen names on every record), at most 1,000 names. */
const norm = (name: string): string => {
  let n = normalized.get(name);
  if (n === undefined) {
    n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (normalized.size < 1000) normalized.set(name, n);
  }
  return n;
};

const SECTIONS: Record<string, IbKind> = { TRNT: 'trade', CTRN: 'cash', STFU: 'funds', CORP: 'corp' };
const XML_SECTIONS: Record<string, [string, IbKind]> = {
  Trades: ['Trade', 'trade'], CashTransactions: ['CashTransaction', 'cash'], CorporateActions: ['CorporateAction', 'corp'], StmtFunds: ['StatementOfFundsLine', 'funds'],
};
const XML_PATH = ['FlexQueryResponse', 'FlexStatements', 'FlexStatement'];

export function looksLikeIbkrXml(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?<FlexQueryResponse/.test(text);
}

export function looksLikeIbkrCsv(header: string[]): boolean {
  const h = new Set(header.map(norm));
  if (header[0] === 'HEADER' || header[0] === 'BOF') return true;
  return (h.has('buysell') && (h.has('tradeprice') || h.has('ibcommission'))) || (h.has('type') && h.has('amount') && (h.has('currencyprimary') || h.has('settledate')));
}

/**
 * Streams the records of a Flex XML statement (saxes, fed chunk by chunk): each Trade,
 * CashTransaction, CorporateAction and StatementOfFundsLine as its element closes. A malformed
 * document throws, naming the line and column.
 */
export async function* readIbkrXml(chunks: AsyncIterable<string>): AsyncGenerator<IbRecord> {
  const parser = new SaxesParser();
  const stack: string[] = [];
  const ready: IbRecord[] = [];
  let account: string | null = null;
  let section: [string, IbKind] | null = null;
  let index = 0;
  let line = 0;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const depth = stack.length;
    stack.push(tag.name);
    if (depth < 3) {
      if (tag.name !== XML_PATH[depth]) stack[depth] = '?';
      else if (depth === 2) account = tag.attributes.accountId || null;
      return;
    }
    if (stack[0] !== XML_PATH[0] || stack[1] !== XML_PATH[1] || stack[2] !== XML_PATH[2]) return;
    if (depth === 3) {
      section = XML_SECTIONS[tag.name] ?? null;
      index = 0;
    } else if (depth === 4 && section && tag.name === section[0]) {
      const f: Record<string, string> = {};
      const attributes = tag.attributes;
      for (const k in attributes) f[norm(k)] = attributes[k] as string;
      ready.push({ kind: section[1], line: ++line, where: `${section[0]}[${index++}]${f.symbol ? ` (${f.symbol})` : ''}`, f, account });
    }
  });
  parser.on('closetag', () => {
    stack.pop();
    if (stack.length === 3) section = null;
  });
  for await (const chunk of chunks) {
    parser.write(chunk);
    yield* ready.splice(0);
  }
  parser.close();
  yield* ready.splice(0);
}

/** Streams the records of a Flex CSV, with section codes or of one section (csv-parse, as a stream). */
export async function* readIbkrCsv(chunks: AsyncIterable<string>): AsyncGenerator<IbRecord> {
  const headers = new Map<string, string[]>();
  let sectioned: boolean | null = null;
  let flatHeader: string[] | null = null;
  let flatKind: IbKind = 'other';
  for await (const { record, info } of csvRecords(chunks)) {
    const line = info.lines;
    sectioned ??= record[0] === 'HEADER' || record[0] === 'BOF';
    if (sectioned) {
      const [tag, code] = record;
      if (tag === 'HEADER') headers.set(code ?? '', record.slice(2).map(norm));
      const header = headers.get(code ?? '');
      if (tag === 'DATA' && header) yield toRecord(SECTIONS[code ?? ''] ?? 'other', line, header, record.slice(2));
    } else if (flatHeader === null) {
      flatHeader = record.map(norm);
      const h = new Set(flatHeader);
      flatKind = h.has('buysell') ? 'trade' : h.has('activitycode') ? 'funds' : h.has('amount') && h.has('type') ? 'cash' : 'other';
    } else yield toRecord(flatKind, line, flatHeader, record);
  }
}

function toRecord(kind: IbKind, line: number, header: string[], cells: string[]): IbRecord {
  const f: Record<string, string> = {};
  header.forEach((h, i) => {
    const v = (cells[i] ?? '').trim();
    if (v !== '' && f[h] === undefined) f[h] = v;
  });
  // The CSV's CurrencyPrimary is the XML's currency; Date/Time and DateTime are one field.
  if (f.currency === undefined && f.currencyprimary) f.currency = f.currencyprimary;
  return { kind, line, where: String(line), f, account: f.clientaccountid ?? null };
}

/** IB dates: 20200115, 20200115;153201, 2013-03-05, 19:45:00, 20130102 01:25:14, 2013-01-03. */
export function ibDate(text: string | undefined): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[;, T])/.exec((text ?? '').trim());
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})/.exec((text ?? '').trim());
  return us ? `${us[3]}-${us[1]}-${us[2]}` : null;
}
