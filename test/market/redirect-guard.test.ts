import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/market/http.js';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/tmp.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

describe('a redirect to another origin', () => {
  it('carries neither the crumb nor the cookie', async () => {
    const seen: { url: string; cookie?: string }[] = [];
    const other = await listen((req, res) => {
      seen.push({ url: req.url ?? '', cookie: req.headers.cookie });
      res.setHeader('content-type', 'application/json');
      res.end('{"quoteResponse":{"result":[]}}');
    });
    const base = await listen((req, res) => {
      res.statusCode = 302;
      res.setHeader('location', `${other}${req.url}`);
      res.end();
    });
    const db = openDb(join(tempDir(), 'p.db'));
    const http = await createHttpClient({
      db,
      now: () => new Date('2024-06-05T15:00:00Z'),
      provider: 'redirect-test',
      config: { timeoutMs: 2000, connectTimeoutMs: 1000, retries: 0, backoffMs: 0, maxRetryAfterSeconds: 0, maxBodyBytes: 100_000, requestsPerSecond: 50, concurrency: 1 },
      breaker: { failureThreshold: 5, cooldownSeconds: 60 },
    });
    try {
      const r = await http.request({ url: `${base}/v7/finance/quote?symbols=AAPL&crumb=SECRET`, endpoint: 'quote', headers: { cookie: 'A3=x' } });
      expect(r.status).toBe(200);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.url).toBe('/v7/finance/quote?symbols=AAPL');
      expect(seen[0]?.cookie).toBeUndefined();
    } finally {
      http.close();
      db.close();
    }
  });
});
