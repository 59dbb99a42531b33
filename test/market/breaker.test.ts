import { afterEach, describe, expect, it } from 'vitest';
import { createMarketServiceWith } from '../../src/market/create.js';
import { readBreaker } from '../../src/store/breaker.js';
import { openDb } from '../../src/store/db.js';
import { listNotifications } from '../../src/store/notifications.js';
import { getQuotes } from '../../src/store/prices.js';
import { harness, symbolsN, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

describe('circuit breaker kept in SQLite', () => {
  it('opens during an outage, persists for another process, half-opens with one probe, recovers', async () => {
    h = await harness({ config: { breaker: { failureThreshold: 5, cooldownSeconds: 60 } } });
    const svc = await h.service();
    await svc.refreshQuotes(['AAPL']);
    const cachedBefore = getQuotes(h.db);
    h.fake.reset();
    h.fake.set({ outage: '503' });
    h.clock.advance(600_000);

    const r = await svc.refreshQuotes(symbolsN(120, 'O').concat('AAPL'));
    expect(h.fake.count()).toBeLessThanOrEqual(10);
    expect(r.circuit).toBe('open');
    expect(r.fetched).toBe(0);
    expect(getQuotes(h.db).get('AAPL')).toEqual(cachedBefore.get('AAPL'));
    expect(listNotifications(h.db).map((n) => n.kind)).toContain('provider-down');

    // Another process: its own database handle and service; it sees the open breaker and asks nothing.
    const db2 = openDb(h.dbPath);
    const other = await createMarketServiceWith({ db: db2, config: h.config, now: h.clock.now });
    h.fake.reset();
    expect(other.circuitState()).toBe('open');
    const r2 = await other.refreshQuotes(symbolsN(120, 'O'));
    expect(h.fake.count()).toBe(0);
    expect(r2.failed[0]?.message).toMatch(/circuit is open/);

    // After the cool-down: half-open, exactly one probe; it fails, so the breaker opens again.
    h.clock.advance(61_000);
    expect(other.circuitState()).toBe('half-open');
    await other.refreshQuotes(symbolsN(120, 'O'));
    expect(h.fake.count()).toBe(1);
    expect(readBreaker(h.db, 'yahoo').state).toBe('open');

    // The provider is back: the next probe succeeds and closes the breaker for everyone.
    h.fake.set({ outage: false });
    h.clock.advance(61_000);
    h.fake.reset();
    const r3 = await other.refreshQuotes(symbolsN(120, 'O'));
    expect(r3.fetched).toBe(120);
    expect(r3.circuit).toBe('closed');
    expect(svc.circuitState()).toBe('closed');
    expect(listNotifications(h.db).map((n) => n.kind)).toContain('provider-recovered');
    other.close();
    db2.close();
  });

  it('a connection reset counts as a failure too', async () => {
    h = await harness({ fake: { outage: 'reset' } });
    const r = await (await h.service()).refreshQuotes(['AAPL']);
    expect(r.failed[0]?.message).toMatch(/network error|circuit/);
    expect(readBreaker(h.db, 'yahoo').failures).toBeGreaterThanOrEqual(3);
  });
});
