import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { breakerAllow, breakerFailure, breakerStateNow, breakerSuccess, readBreaker } from '../../src/store/breaker.js';
import { openDb, type Db } from '../../src/store/db.js';
import { countHttp, logHttp } from '../../src/store/http-log.js';
import { kvGet, kvGetJson, kvSet } from '../../src/store/kv.js';
import { cacheHitRate, metricValues, recordMetric, sumMetric } from '../../src/store/metrics.js';
import { tempDir } from '../helpers/tmp.js';

let db: Db;
afterEach(() => db?.close());
const at = (s: number) => new Date(Date.UTC(2025, 2, 5, 12, 0, s));

describe('metrics, http log, kv', () => {
  it('records metrics and computes the hit rate', () => {
    db = openDb(join(tempDir(), 'p.db'));
    expect(cacheHitRate(db, at(0))).toBeNull();
    recordMetric(db, 'cache.hit', 3, 'warm', at(1));
    recordMetric(db, 'cache.miss', 1, 'warm', at(2));
    recordMetric(db, 'dashboard.first_frame_ms', 120, undefined, at(3));
    recordMetric(db, 'dashboard.first_frame_ms', 80, undefined, at(4));
    expect(sumMetric(db, 'cache.hit', at(0))).toBe(3);
    expect(cacheHitRate(db, at(0))).toBe(0.75);
    expect(metricValues(db, 'dashboard.first_frame_ms', at(0))).toEqual([80, 120]);
    expect(sumMetric(db, 'cache.hit', at(2))).toBe(0);
  });

  it('logs requests without secrets', () => {
    db = openDb(join(tempDir(), 'p.db'));
    logHttp(db, { provider: 'yahoo', endpoint: 'quote', symbols: ['A', 'B'], status: 200, ms: 12.34, context: 'warm' }, at(1));
    logHttp(db, { provider: 'yahoo', endpoint: 'quote', status: null, ms: 5, error: 'failed GET /v7/finance/quote?symbols=A&crumb=SECRET' }, at(2));
    expect(countHttp(db, at(0))).toBe(2);
    expect(countHttp(db, at(0), { failedOnly: true })).toBe(1);
    const rows = db.prepare('SELECT symbols, ms, error FROM http_log ORDER BY id').all() as { symbols: string | null; ms: number; error: string | null }[];
    expect(rows[0]).toEqual({ symbols: 'A,B', ms: 12.3, error: null });
    expect(rows[1]?.error).not.toContain('SECRET');
  });

  it('kv values expire', () => {
    db = openDb(join(tempDir(), 'p.db'));
    kvSet(db, 'a', JSON.stringify({ x: 1 }), { expiresAt: at(10), now: at(0) });
    expect(kvGetJson(db, 'a', at(5))).toEqual({ x: 1 });
    expect(kvGet(db, 'a', at(10))).toBeNull();
  });
});

describe('breaker store', () => {
  const cfg = { failureThreshold: 3, cooldownSeconds: 60 };
  it('opens after N consecutive failures, success resets the count', () => {
    db = openDb(join(tempDir(), 'p.db'));
    breakerFailure(db, 'y', cfg, at(0), 'x');
    breakerFailure(db, 'y', cfg, at(1), 'x');
    breakerSuccess(db, 'y', at(2));
    expect(readBreaker(db, 'y')).toMatchObject({ state: 'closed', failures: 0 });
    for (let i = 0; i < 3; i++) breakerFailure(db, 'y', cfg, at(3 + i), 'HTTP 503');
    expect(readBreaker(db, 'y').state).toBe('open');
    expect(breakerAllow(db, 'y', cfg, at(30))).toMatchObject({ allowed: false, state: 'open' });
  });

  it('lets exactly one of two processes probe after the cool-down', () => {
    const path = join(tempDir(), 'p.db');
    db = openDb(path);
    const other = openDb(path);
    for (let i = 0; i < 3; i++) breakerFailure(db, 'y', cfg, at(0), 'x');
    expect(breakerStateNow(other, 'y', cfg, at(61))).toBe('half-open');
    const a = breakerAllow(db, 'y', cfg, at(61));
    const b = breakerAllow(other, 'y', cfg, at(61));
    expect([a.allowed, b.allowed]).toEqual([true, false]);
    breakerSuccess(other, 'y', at(62));
    expect(readBreaker(db, 'y').state).toBe('closed');
    const kinds = db.prepare('SELECT kind FROM notifications ORDER BY id').all();
    expect(kinds).toEqual([{ kind: 'provider-down' }, { kind: 'provider-recovered' }]);
    other.close();
  });
});
