/**
 * OpenFIGI: POST {base}/v3/mapping with [{idType: "ID_ISIN", idValue}] answers, per job, every
 * listing of the security ({data: [{ticker, exchCode, name, securityType, marketSector}]}), a
 * {warning} when nothing matches or an {error} for a bad job. Keyless it allows 25 requests a
 * minute. Bloomberg exchange codes map to Yahoo suffixes; listings on exchanges Yahoo does not
 * cover (or that we cannot name) are left out. The ISIN -> symbols resolver importers can call.
 */
import { MarketError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { toMajorUnits } from '../../core/currency.js';
import { symbolInfo } from '../symbols.js';
import type { SearchClient, SearchHit } from './types.js';

export const OPENFIGI_URL = 'https://api.openfigi.com';

/** Bloomberg exchange code -> [Yahoo suffix ('' for US), exchange name]; composites first. */
const EXCHANGES: Record<string, [string, string]> = {
  US: ['', 'US'], UN: ['', 'NYSE'], UW: ['', 'NASDAQ'], UQ: ['', 'NASDAQ'], UA: ['', 'NYSE American'], UP: ['', 'NYSE Arca'],
  LN: ['.L', 'London'], GY: ['.DE', 'XETRA'], GR: ['.DE', 'XETRA'], GF: ['.F', 'Frankfurt'], FP: ['.PA', 'Paris'],
  NA: ['.AS', 'Amsterdam'], BB: ['.BR', 'Brussels'], IM: ['.MI', 'Milan'], SM: ['.MC', 'Madrid'], SW: ['.SW', 'SIX Swiss'],
  SE: ['.SW', 'SIX Swiss'], CN: ['.TO', 'Toronto'], CT: ['.TO', 'Toronto'], JT: ['.T', 'Tokyo'], JP: ['.T', 'Tokyo'],
  HK: ['.HK', 'Hong Kong'], AT: ['.AX', 'ASX'], AU: ['.AX', 'ASX'], SJ: ['.JO', 'Johannesburg'], IT: ['.TA', 'Tel Aviv'],
  NO: ['.OL', 'Oslo'], SS: ['.ST', 'Stockholm'], DC: ['.CO', 'Copenhagen'], FH: ['.HE', 'Helsinki'], ID: ['.IR', 'Dublin'],
  PL: ['.LS', 'Lisbon'], AV: ['.VI', 'Vienna'],
};

const TYPE_OF: Record<string, string> = { 'Common Stock': 'equity', ETP: 'etf', 'Open-End Fund': 'fund', 'Mutual Fund': 'fund', ADR: 'equity' };

export function parseOpenFigi(body: string, isin: string): SearchHit[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MarketError('bad-data', 'OpenFIGI answered something that is not JSON');
  }
  const job = Array.isArray(json) ? (json[0] as { data?: unknown; error?: unknown; warning?: unknown } | undefined) : undefined;
  if (!job) throw new MarketError('bad-data', 'OpenFIGI answer is not a list of job results');
  if (typeof job.error === 'string') throw new MarketError('bad-data', `OpenFIGI: ${job.error}`);
  if (!Array.isArray(job.data)) return []; // {warning: "No identifier found."}
  const hits = new Map<string, SearchHit>();
  for (const d of job.data as Record<string, unknown>[]) {
    const ex = typeof d.exchCode === 'string' ? EXCHANGES[d.exchCode] : undefined;
    if (!ex || typeof d.ticker !== 'string' || !/^[A-Za-z0-9./-]{1,12}$/.test(d.ticker)) continue;
    // Bloomberg writes share classes with a slash or space (BRK/B); Yahoo with a dash (BRK-B).
    const symbol = `${d.ticker.toUpperCase().replace(/[/ ]/g, '-')}${ex[0]}`;
    if (hits.has(symbol)) continue;
    const st2 = typeof d.securityType2 === 'string' ? d.securityType2 : typeof d.securityType === 'string' ? d.securityType : null;
    hits.set(symbol, {
      symbol,
      name: typeof d.name === 'string' ? d.name : null,
      exchange: ex[1],
      type: st2 ? (TYPE_OF[st2] ?? st2.toLowerCase()) : null,
      currency: toMajorUnits(symbolInfo(symbol).currency).currency,
      source: 'openfigi',
      isin,
      providerRank: hits.size,
    });
  }
  return [...hits.values()];
}

export function createOpenFigi(http: HttpClient, options: { baseUrl?: string; apiKey?: string } = {}): SearchClient {
  const base = (options.baseUrl ?? OPENFIGI_URL).replace(/\/+$/, '');
  const headers: Record<string, string> = options.apiKey ? { 'X-OPENFIGI-APIKEY': options.apiKey } : {};
  return {
    name: 'openfigi',
    /** `query` must be a valid ISIN (checked by the caller). */
    async search(isin, signal) {
      const res = await http.request({ url: `${base}/v3/mapping`, endpoint: 'mapping', headers, json: [{ idType: 'ID_ISIN', idValue: isin }], signal, context: 'search' });
      if (res.status === 401 || res.status === 403) throw new MarketError('http', `OpenFIGI refused the API key (HTTP ${res.status})`, { status: res.status });
      if (res.status >= 400) throw new MarketError('http', `HTTP ${res.status} from OpenFIGI`, { status: res.status });
      return parseOpenFigi(res.body, isin);
    },
    close: () => http.close(),
  };
}
