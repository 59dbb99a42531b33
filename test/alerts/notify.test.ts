import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverOne, deliverPending } from '../../src/alerts/notify.js';
import { openDb } from '../../src/store/db.js';
import { addNotification, deliveryState } from '../../src/store/notifications.js';
import { tempDir } from '../helpers/tmp.js';

/** A command that writes the arguments it received, as JSON, to a file. */
function recorder(dir: string): { argv: string[]; out: string } {
  const script = join(dir, 'record.mjs');
  const out = join(dir, 'argv.json');
  writeFileSync(script, `import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)));\n`);
  return { argv: [process.execPath, script, out], out };
}

describe('notification delivery', () => {
  it('hands the message to the command as one verbatim argument, with no shell', async () => {
    const dir = tempDir();
    const { argv, out } = recorder(dir);
    const marker = join(dir, 'pwned');
    const message = `AAPL $(touch ${marker}); rm -rf ${join(dir, 'nothing')} \`touch ${marker}\` "quoted" 'single' & | > ${marker}`;
    const error = await deliverOne({ kind: 'alert', message }, { desktop: false, command: argv, timeoutMs: 5000 });
    expect(error).toBeNull();
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([message]);
    expect(existsSync(marker)).toBe(false);
  });

  it('records a failing or hanging command on the notification and carries on', async () => {
    const db = openDb(join(tempDir(), 'p.db'));
    const now = new Date('2026-11-28T12:00:00Z');
    const n1 = addNotification(db, { kind: 'alert', message: 'one' }, now);
    const attempted = await deliverPending(db, { desktop: false, command: ['/nonexistent/notifier'], timeoutMs: 2000 }, { now });
    expect(attempted).toBe(1);
    expect(deliveryState(db, n1.id)?.deliveryError).toMatch(/notifier/);

    const n2 = addNotification(db, { kind: 'alert', message: 'two' }, now);
    await deliverPending(db, { desktop: false, command: [process.execPath, '-e', 'setTimeout(() => {}, 10000)'], timeoutMs: 300 }, { now });
    expect(deliveryState(db, n2.id)?.deliveryError).toMatch(/timed out/);
    // Nothing is delivered twice.
    expect(await deliverPending(db, { desktop: false, command: ['/nonexistent/notifier'], timeoutMs: 2000 }, { now })).toBe(0);
  });

  it('delivers each pending notification once and nothing when delivery is not configured', async () => {
    const dir = tempDir();
    const db = openDb(join(dir, 'p.db'));
    const { argv, out } = recorder(dir);
    const n = addNotification(db, { kind: 'provider-down', message: 'yahoo is down' });
    expect(await deliverPending(db, { desktop: false, timeoutMs: 1000 })).toBe(0);
    expect(deliveryState(db, n.id)?.deliveredAt).toBeNull();
    expect(await deliverPending(db, { desktop: false, command: argv, timeoutMs: 5000 })).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(['yahoo is down']);
    expect(deliveryState(db, n.id)).toMatchObject({ deliveryError: null });
    expect(deliveryState(db, n.id)?.deliveredAt).not.toBeNull();
    expect(await deliverPending(db, { desktop: false, command: argv, timeoutMs: 5000 })).toBe(0);
  });

  it('desktop delivery runs notify-send from PATH with the message as its own argument', async () => {
    const bin = tempDir();
    const out = join(bin, 'argv.json');
    const fake = join(bin, 'notify-send');
    writeFileSync(fake, `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.argv.slice(2)));\n`);
    chmodSync(fake, 0o755);
    const message = 'BTC-USD moved -6.00% today; `id` $HOME';
    expect(await deliverOne({ kind: 'alert', message }, { desktop: true, timeoutMs: 5000 }, { PATH: bin })).toBeNull();
    const argv = JSON.parse(readFileSync(out, 'utf8')) as string[];
    expect(argv[argv.length - 1]).toBe(message);
    expect(argv).toContain('portfolio: alert');
  });

  it('desktop delivery without notify-send on PATH is noted, not fatal', async () => {
    expect(await deliverOne({ kind: 'alert', message: 'x' }, { desktop: true, timeoutMs: 1000 }, { PATH: tempDir() })).toMatch(/notify-send not found/);
  });
});
