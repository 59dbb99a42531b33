/**
 * The shared part of the loopback provider fakes (fake-ecb, fake-coingecko, fake-tiingo,
 * fake-alphavantage): a real HTTP server on 127.0.0.1, a request log, and switches that can change
 * at any time:
 *   latencyMs      delay before every answer
 *   status429      answer 429 (with retry-after) to every request, or to the next N (a number)
 *   status5xx      answer this 5xx to every request (an outage)
 *   failRate       share of requests answered 500 (seeded, deterministic)
 *   hang           never answer
 *   garbage        answer 200 with a body that is not the provider's format
 *   badKey         the key is refused (each provider's way)
 *   rateLimitBody  the provider's own rate-limit answer (HTTP 200 bodies for Alpha Vantage and Tiingo)
 * Each fake's handler answers in its provider's recorded wire format.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from '../../src/market/symbols.js';

export interface FakeSwitches {
  latencyMs: number;
  status429: boolean | number;
  status5xx: number | null;
  failRate: number;
  hang: boolean;
  garbage: boolean;
  badKey: boolean;
  rateLimitBody: boolean;
}

export interface LoggedRequest {
  path: string;
  query: Record<string, string>;
  status: number | null;
  headers: IncomingMessage['headers'];
}

export interface Reply {
  status: number;
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

export interface FakeServer<S extends FakeSwitches> {
  url: string;
  requests: LoggedRequest[];
  switches: S;
  set(partial: Partial<S>): void;
  count(pathPart?: string): number;
  reset(): void;
  close(): Promise<void>;
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({ status, body: JSON.stringify(body), type: 'application/json; charset=utf-8', headers });
export const text = (body: string, status = 200, type = 'text/plain'): Reply => ({ status, body, type });

export async function startFakeServer<S extends FakeSwitches>(
  switches: S,
  handler: (url: URL, req: IncomingMessage, s: S) => Reply | null,
  garbageBody = '<html><body>Service temporarily changed</body></html>',
): Promise<FakeServer<S>> {
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const random = seededRandom(7);
  const server: Server = createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const entry: LoggedRequest = { path: url.pathname, query: Object.fromEntries(url.searchParams), status: null, headers: req.headers };
    requests.push(entry);
    const send = (r: Reply) => {
      entry.status = r.status;
      if (res.destroyed) return;
      res.writeHead(r.status, { 'content-type': r.type ?? 'text/plain', 'content-length': String(Buffer.byteLength(r.body)), ...r.headers });
      res.end(r.body);
    };
    if (switches.latencyMs > 0) await new Promise((r) => setTimeout(r, switches.latencyMs));
    if (switches.hang) return;
    if (switches.status5xx) return send(text('<html><body>Service Unavailable</body></html>', switches.status5xx, 'text/html'));
    if (switches.status429 === true || (typeof switches.status429 === 'number' && switches.status429 > 0)) {
      if (typeof switches.status429 === 'number') switches.status429--;
      return send({ ...text('Too Many Requests', 429), headers: { 'retry-after': '1' } });
    }
    if (switches.failRate > 0 && random() < switches.failRate) return send(json({ error: 'Internal Server Error' }, 500));
    if (switches.garbage) return send(text(garbageBody, 200, 'text/html'));
    send(handler(url, req, switches) ?? text('Not Found', 404));
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    switches,
    set(partial) {
      Object.assign(switches, partial);
    },
    count: (part) => requests.filter((r) => part === undefined || r.path.includes(part)).length,
    reset() {
      requests.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

export const baseSwitches = (): FakeSwitches => ({
  latencyMs: 0, status429: false, status5xx: null, failRate: 0, hang: false, garbage: false, badKey: false, rateLimitBody: false,
});

/** A deterministic positive price for a symbol (10 to 510). */
export function pseudoPrice(symbol: string): number {
  let h = 0;
  for (const c of symbol) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return Math.round((10 + (h % 50_000) / 100) * 100) / 100;
}
