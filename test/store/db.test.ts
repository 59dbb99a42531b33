import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb, schemaVersion } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { configSchema, defaultConfig, loadConfig, parseConfig } from '../../src/config.js';
import * as v from 'valibot';
import { resolvePaths } from '../../src/paths.js';
import { tempDir } from '../helpers/tmp.js';

describe('openDb', () => {
  it('creates the database 0600 in a 0700 folder, migrated, in WAL mode', () => {
    const dir = join(tempDir(), 'nested', 'portfolio');
    const path = join(dir, 'portfolio.db');
    const db = openDb(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a database from a newer version', () => {
    const path = join(tempDir(), 'new.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDb(path)).toThrow(/newer version of portfolio/);
  });

  it('opens an existing database twice without re-migrating', () => {
    const path = join(tempDir(), 'p.db');
    openDb(path).close();
    const db = openDb(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });
});

describe('config', () => {
  it('defaults when the file is missing', () => {
    const c = loadConfig(join(tempDir(), 'none.json'));
    expect(c.baseCurrency).toBe('USD');
    expect(c.costMethod).toBe('avg');
    expect(c.yahoo.requestsPerSecond).toBeGreaterThan(0);
  });

  it('has defaults equal to what the schema gives for {} (they are kept apart so no file means no validation)', () => {
    expect(defaultConfig()).toStrictEqual(v.parse(configSchema(), {}));
    expect(parseConfig({})).toStrictEqual(defaultConfig());
    const a = defaultConfig();
    a.yahoo.concurrency = 9;
    expect(defaultConfig().yahoo.concurrency).toBe(2);
  });

  it('names the bad key and what was expected', () => {
    const path = join(tempDir(), 'config.json');
    writeFileSync(path, JSON.stringify({ baseCurrency: 'usd', yahoo: { concurrency: 0 } }));
    try {
      loadConfig(path);
      expect.unreachable();
    } catch (err) {
      const details = (err as { details: string[] }).details.join('\n');
      expect(details).toMatch(/baseCurrency: expected a three-letter/);
      expect(details).toMatch(/yahoo\.concurrency/);
    }
  });

  it('rejects unknown keys and invalid JSON', () => {
    const path = join(tempDir(), 'config.json');
    writeFileSync(path, JSON.stringify({ baseCurency: 'EUR' }));
    expect(() => loadConfig(path)).toThrow(/invalid config/);
    writeFileSync(path, '{ nope');
    expect(() => loadConfig(path)).toThrow(/not valid JSON/);
  });
});

describe('paths', () => {
  it('follows PORTFOLIO_HOME, then XDG, and --db wins for the database', () => {
    expect(resolvePaths({ PORTFOLIO_HOME: '/p' })).toEqual({ dbPath: '/p/portfolio.db', configPath: '/p/config.json' });
    expect(resolvePaths({ HOME: '/h' })).toEqual({
      dbPath: '/h/.local/share/portfolio/portfolio.db',
      configPath: '/h/.config/portfolio/config.json',
    });
    expect(resolvePaths({ HOME: '/h', XDG_DATA_HOME: '/d', XDG_CONFIG_HOME: '/c' }, '/x.db')).toEqual({
      dbPath: '/x.db',
      configPath: '/c/portfolio/config.json',
    });
  });
});
