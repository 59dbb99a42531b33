/**
 * Reads the three Interactive Brokers Flex shapes into one form: records of a kind (trade, cash,
 * funds = Statement of Funds, corp = corporate action) whose field names are normalized
 * (lower case, letters and digits only), so `Buy/Sell` (CSV) and `buySell` (XML) are both `buysell`.
 */
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';

export type IbKind = 'trade' | 'cash' | 'funds' | 'corp' | 'other';

export interface IbRecord {
  kind: IbKind;
  line: number;
  where: string;
  f: Record<string, string>;
  account: string | null;
}

const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const SECTIONS: Record<string, IbKind> = { TRNT: 'trade', CTRN: 'cash', STFU: 'funds', CORP: 'corp' };

export function looksLikeIbkrXml(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?<FlexQueryResponse/.test(text);
}

export function looksLikeIbkrCsv(header: string[]): boolean {
  const h = new Set(header.map(norm));
  if (header[0] === 'HEADER' || header[0] === 'BOF') return true;
  return (h.has('buysell') && (h.has('tradeprice') || h.has('ibcommission'))) || (h.has('type') && h.has('amount') && (h.has('currencyprimary') || h.has('settledate')));
}

export function readIbkrXml(text: string): IbRecord[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute });
  const doc = parser.parse(text) as Record<string, unknown[]>;
  const out: IbRecord[] = [];
  const kinds: [string, string, IbKind][] = [['Trades', 'Trade', 'trade'], ['CashTransactions', 'CashTransaction', 'cash'], ['CorporateActions', 'CorporateAction', 'corp'], ['StmtFunds', 'StatementOfFundsLine', 'funds']];
  const list = (node: unknown, key: string): Record<string, unknown>[] => {
    const v = (node as Record<string, unknown> | undefined)?.[key];
    return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
  };
  for (const response of list(doc, 'FlexQueryResponse')) {
    for (const statements of list(response, 'FlexStatements')) {
      for (const st of list(statements, 'FlexStatement')) {
        const account = typeof st.accountId === 'string' && st.accountId !== '' ? st.accountId : null;
        for (const [section, item, kind] of kinds) {
          for (const sec of list(st, section)) {
            list(sec, item).forEach((node, i) => {
              const f: Record<string, string> = {};
              for (const [k, v] of Object.entries(node)) if (typeof v === 'string') f[norm(k)] = v;
              out.push({ kind, line: out.length + 1, where: `${item}[${i}]${f.symbol ? ` (${f.symbol})` : ''}`, f, account });
            });
          }
        }
      }
    }
  }
  return out;
}

export function readIbkrCsv(text: string): IbRecord[] {
  const out: IbRecord[] = [];
  const headers = new Map<string, string[]>();
  let sectioned: boolean | null = null;
  let flatHeader: string[] | null = null;
  let flatKind: IbKind = 'other';
  // Each row becomes a record as it is parsed (on_record), so the raw rows are never all held.
  parse(text, {
    bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true,
    on_record: (record: string[], context: { lines: number }) => {
      const line = context.lines;
      sectioned ??= record[0] === 'HEADER' || record[0] === 'BOF';
      if (sectioned) {
        const [tag, code] = record;
        if (tag === 'HEADER') headers.set(code ?? '', record.slice(2).map(norm));
        const header = headers.get(code ?? '');
        if (tag === 'DATA' && header) out.push(toRecord(SECTIONS[code ?? ''] ?? 'other', line, header, record.slice(2)));
      } else if (flatHeader === null) {
        flatHeader = record.map(norm);
        const h = new Set(flatHeader);
        flatKind = h.has('buysell') ? 'trade' : h.has('activitycode') ? 'funds' : h.has('amount') && h.has('type') ? 'cash' : 'other';
      } else out.push(toRecord(flatKind, line, flatHeader, record));
      return null;
    },
  });
  return out;
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
