/**
 * Security: private files, secrets kept out of everything a user or a log sees, notification
 * commands without a shell, and exported CSV that a spreadsheet will not execute.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOne } from '../../src/alerts/notify.js';
import { defaultConfig } from '../../src/config.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { inspect, run, sleep, start, STACK_FRAME } from './helpers.js';

const HEADER = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio';
const mode = (p: string) => statSync(p).mode & 0o777;

describe('files are private', () => {
  it('creates the database (and its WAL files) 0600 in folders it makes 0700, under PORTFOLIO_HOME and XDG', async () => {
    const root = tempDir('portfolio-sec-');
    const home = join(root, 'a', 'b');
    const r = await run(['add', 'deposit', '--amount', '100', '--date', '2025-01-02'], { PORTFOLIO_HOME: home });
    expect(r.code, r.stderr).toBe(0);
    expect(mode(join(home, 'portfolio.db'))).toBe(0o600);
    expect(mode(home)).toBe(0o700);
    expect(mode(join(root, 'a'))).toBe(0o700);
    for (const f of readdirSync(home).filter((f) => f.startsWith('portfolio.db'))) expect(mode(join(home, f)), f).toBe(0o600);

    const xdg = join(root, 'xdg');
    const r2 = await run(['add', 'deposit', '--amount', '100', '--date', '2025-01-02'], { HOME: root, XDG_DATA_HOME: join(xdg, 'data'), XDG_CONFIG_HOME: join(xdg, 'config') });
    expect(r2.code, r2.stderr).toBe(0);
    const db = join(xdg, 'data', 'portfolio', 'portfolio.db');
    expect(mode(db)).toBe(0o600);
    expect(mode(join(xdg, 'data', 'portfolio'))).toBe(0o700);
    // Config is the user's file: portfolio only reads it and never creates one with looser rights.
    expect(existsSync(join(xdg, 'config', 'portfolio', 'config.json'))).toBe(false);
  });
});

describe('secrets stay out of logs, errors and exports', () => {
  let fake: FakeYahoo;
  beforeAll(async () => {
    fake = await startFakeYahoo({ latencyMs: 2 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('never prints or stores the cookie or crumb outside the session cache', async () => {
    const home = tempDir('portfolio-sec-secrets-');
    writeFileSync(join(home, 'config.json'), JSON.stringify({ yahoo: { retries: 1, backoffMs: 10, requestsPerSecond: 50, timeoutMs: 1500 } }));
    const env = { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url };
    const csv = join(home, 'l.csv');
    writeFileSync(csv, `${HEADER}\n2025-06-02,deposit,,,,5000,,USD,main,,\n2025-06-03,buy,AAPL,3,150,,1,USD,main,,\n2025-06-03,buy,MSFT,2,300,,1,USD,main,,\n`);
    expect((await run(['import', csv], env)).code).toBe(0);
    const seen: string[] = [];
    const collect = (r: { stdout: string; stderr: string }) => seen.push(r.stdout, r.stderr);
    collect(await run(['warm', '--json'], env));
    // Errors of every kind after the session exists: refused crumb, 500s, resets, hangs past the timeout.
    fake.invalidateCrumbs();
    collect(await run(['warm', '--force', '--json'], env));
    fake.set({ failRate: 1, failStatus: 500 });
    collect(await run(['warm', '--force'], env));
    fake.set({ failRate: 0, outage: 'reset' });
    collect(await run(['warm', '--force', '--json'], env));
    fake.set({ outage: false, hang: ['quote'] });
    collect(await run(['warm', '--force', '--json'], env, 60_000));
    fake.set({ hang: false });
    const daemon = start(['daemon', '--quotes-cron', '*/1 * * * * *', '--log-json'], env);
    await sleep(3000);
    daemon.child.kill('SIGTERM');
    await daemon.exited;
    seen.push(daemon.out.stdout, daemon.out.stderr);
    for (const args of [['status', '--json'], ['status'], ['export'], ['export', '--format', 'json'], ['export', '--format', 'ledger'], ['notifications', '--json'], ['holdings', '--json'], ['transactions', '--json']]) {
      const r = await run(args, env);
      expect(r.stderr, args.join(' ')).not.toMatch(STACK_FRAME);
      collect(r);
    }
    const db = join(home, 'portfolio.db');
    // The session is cached (so there is something to leak)...
    const session = inspect(db, (d) => d.prepare("SELECT value FROM kv WHERE key LIKE 'yahoo.session:%'").all() as { value: string }[]);
    expect(session.length).toBe(1);
    const { cookie, crumb } = JSON.parse((session[0] as { value: string }).value) as { cookie: string; crumb: string };
    expect(crumb).toMatch(/^crumb\d+x$/);
    // ...and every table but kv is free of it, as is every line printed.
    const tables = inspect(db, (d) => (d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'kv'").all() as { name: string }[]).map((t) => t.name));
    for (const t of tables) seen.push(JSON.stringify(inspect(db, (d) => d.prepare(`SELECT * FROM "${t}"`).all())));
    const all = seen.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of [crumb, cookie.replace(/^A3=/, ''), 'crumb=', 'A3=']) {
      expect(all.includes(secret), `found ${secret}`).toBe(false);
    }
    expect(all).not.toMatch(/crumb\d+x/);
  });
});

describe('notification commands run without a shell', () => {
  it('passes the message as one argument, shell syntax and all, and runs nothing else', async () => {
    const dir = tempDir('portfolio-sec-notify-');
    const script = join(dir, 'record.mjs');
    const outFile = join(dir, 'argv.json');
    writeFileSync(script, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(outFile)}, JSON.stringify(process.argv.slice(2)));\n`);
    const pwned = join(dir, 'pwned');
    const message = `AAPL above 100; touch ${pwned} $(touch ${pwned}2) \`touch ${pwned}3\` | tee ${pwned}4 && echo "$HOME" > ${pwned}5`;
    const config = { ...defaultConfig().notify, command: [process.execPath, script, '--flag=$(id)'] };
    const error = await deliverOne({ kind: 'alert', message }, config, { PATH: process.env.PATH ?? '' });
    expect(error).toBeNull();
    expect(JSON.parse(readFileSync(outFile, 'utf8'))).toEqual(['--flag=$(id)', message]);
    for (const suffix of ['', '2', '3', '4', '5']) expect(existsSync(`${pwned}${suffix}`)).toBe(false);
    // A command that does not exist is an error text, not an exception or a shell lookup.
    const missing = await deliverOne({ kind: 'alert', message }, { ...config, command: ['no-such-notifier-xyz'] }, { PATH: process.env.PATH ?? '' });
    expect(missing).toMatch(/no-such-notifier-xyz/);
  });
});

describe('exported CSV is safe to open in a spreadsheet', () => {
  it('neutralizes formula cells and still re-imports the same ledger', async () => {
    const home = tempDir('portfolio-sec-csv-');
    const env = { PORTFOLIO_HOME: home };
    const formulas = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '=cmd|\' /C calc\'!A0', "'=quoted"];
    const rows = formulas.map((f, i) => `2025-01-0${2 + i},deposit,,,,${100 + i},,USD,${i % 2 ? 'main' : '=acct()'},"${f.replace(/"/g, '""')}",`);
    const csv = join(home, 'in.csv');
    writeFileSync(csv, `${HEADER}\n${rows.join('\n')}\n`);
    const imp = await run(['import', csv], env);
    expect(imp.code, imp.stderr).toBe(0);
    const exp = await run(['export'], env);
    expect(exp.code, exp.stderr).toBe(0);
    const { parse } = await import('csv-parse/sync');
    const cells = (parse(exp.stdout, { relax_column_count: true }) as string[][]).flat();
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(dangerous).toEqual([]);
    expect(cells.some((c) => c.startsWith("'=HYPERLINK"))).toBe(true);
    // Round trip: importing the export into a fresh ledger gives back the exact notes and accounts.
    const home2 = tempDir('portfolio-sec-csv2-');
    const back = join(home2, 'back.csv');
    writeFileSync(back, exp.stdout);
    const imp2 = await run(['import', back], { PORTFOLIO_HOME: home2 });
    expect(imp2.code, imp2.stderr).toBe(0);
    const j1 = JSON.parse((await run(['export', '--format', 'json'], env)).stdout) as unknown;
    const j2 = JSON.parse((await run(['export', '--format', 'json'], { PORTFOLIO_HOME: home2 })).stdout) as unknown;
    const strip = (j: unknown) => JSON.stringify(j).replace(/"(id|createdAt|created_at|importKey)":("[^"]*"|\d+),?/g, '');
    expect(strip(j2)).toBe(strip(j1));
    expect(JSON.stringify(j1)).toContain('=HYPERLINK');
  });
});
