/**
 * A fake of the search endpoints on 127.0.0.1, answering from the recorded fixtures in the shared
 * fixtures folder (found by walking up from this file to a folder holding `shared/fixtures`):
 *   GET  /v1/finance/search?q=Q   Yahoo: the recording whose query is Q (search-AAPL.json, search-BTC-USD.json,
 *                                 search-NO0010123060.json), else that last file's real empty answer.
 *                                 `aliases` serves a recording for another query (apple -> AAPL).
 *   GET  /api/v3/search?query=Q   CoinGecko: no real recording exists; answers the documented shape
 *                                 {coins, exchanges, categories, nfts} built from the recorded coins list.
 *   POST /v3/mapping              OpenFIGI: the recording for an ISIN-only job when there is one
 *                                 (v3-mapping-ID_ISIN-US4592001014), else {warning: "No identifier found."}.
 * Anything else goes to `upstream` (a fake Yahoo for quotes), so one base URL serves both.
 * `down` lists the endpoints that answer 503.
 */
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SHARED_FIXTURES } from './shared-fixtures.js';

export type SearchEndpoint = 'yahoo-search' | 'coingecko-search' | 'openfigi-mapping' | 'upstream';

export interface FakeSearchOptions {
  upstream?: string;
  aliases?: Record<string, string>;
  down?: SearchEndpoint[];
}

export interface FakeSearch {
  url: string;
  requests: { endpoint: SearchEndpoint; path: string; query: string }[];
  count(endpoint?: SearchEndpoint): number;
  set(o: Partial<FakeSearchOptions>): void;
  close(): Promise<void>;
}

export const sharedFixtures = (): string => SHARED_FIXTURES;

const read = (rel: string): unknown => JSON.parse(readFileSync(join(sharedFixtures(), rel), 'utf8'));

interface Capture {
  request: { url: string };
  response: { status: number; headers: Record<string, string>; bodyJson: unknown };
}

function yahooRecordings(): Map<string, Capture> {
  const out = new Map<string, Capture>();
  for (const f of ['search-AAPL.json', 'search-BTC-USD.json', 'search-NO0010123060.json']) {
    const c = read(`yahoo/${f}`) as Capture;
    out.set((new URL(c.request.url).searchParams.get('q') ?? '').toUpperCase(), c);
  }
  return out;
}

export async function startFakeSearch(initial: FakeSearchOptions = {}): Promise<FakeSearch> {
  const options: FakeSearchOptions = { ...initial };
  const yahoo = yahooRecordings();
  const empty = yahoo.get('NO0010123060') as Capture;
  const coins = read('coingecko/coins-list.partial.go-gecko.json') as { id: string; symbol: string; name: string }[];
  const figi = new Map<string, unknown>([['US4592001014', read('openfigi/v3-mapping-ID_ISIN-US4592001014.openfigi-rs.json')]]);
  const requests: FakeSearch['requests'] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const endpoint: SearchEndpoint =
      url.pathname === '/v1/finance/search' ? 'yahoo-search' : url.pathname === '/api/v3/search' ? 'coingecko-search' : url.pathname === '/v3/mapping' ? 'openfigi-mapping' : 'upstream';
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({ endpoint, path: url.pathname, query: url.searchParams.get('q') ?? url.searchParams.get('query') ?? body.toString() });
    if (options.down?.includes(endpoint)) return send(res, 503, { error: 'Service Unavailable' });
    switch (endpoint) {
      case 'yahoo-search': {
        const q = (url.searchParams.get('q') ?? '').toUpperCase();
        const c = yahoo.get(q) ?? yahoo.get((options.aliases?.[q.toLowerCase()] ?? '').toUpperCase()) ?? empty;
        return send(res, c.response.status, c.response.bodyJson);
      }
      case 'coingecko-search': {
        const q = (url.searchParams.get('query') ?? '').toLowerCase();
        const found = q === '' ? [] : coins.filter((c) => c.id.includes(q) || c.symbol.includes(q) || c.name.toLowerCase().includes(q));
        const shaped = found.map((c) => ({ id: c.id, name: c.name, api_symbol: c.id, symbol: c.symbol.toUpperCase(), market_cap_rank: null, thumb: '', large: '' }));
        return send(res, 200, { coins: shaped, exchanges: [], icos: [], categories: [], nfts: [] });
      }
      case 'openfigi-mapping': {
        const jobs = JSON.parse(body.toString() || '[]') as { idType: string; idValue: string }[];
        const answers = jobs.map((j) => ((figi.get(j.idValue) as unknown[] | undefined)?.[0] ?? { warning: 'No identifier found.' }));
        return send(res, 200, answers);
      }
      case 'upstream': {
        if (!options.upstream) return send(res, 404, 'Invalid url.');
        const target = new URL(req.url ?? '/', options.upstream);
        await new Promise<void>((resolve) => {
          const fwd = httpRequest(target, { method: req.method, headers: req.headers }, (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res).on('finish', resolve);
          });
          fwd.on('error', () => {
            send(res, 502, 'bad gateway');
            resolve();
          });
          fwd.end(body);
        });
      }
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res).catch(() => send(res, 500, 'fake error')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (e) => (e ? requests.filter((r) => r.endpoint === e).length : requests.length),
    set: (o) => Object.assign(options, o),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
