/**
 * Optional delivery of notifications beyond the database: a desktop notification via notify-send,
 * and/or a user command run with the message as its last argument. execFile, never a shell, so a
 * message such as `$(rm -rf ~)` arrives verbatim as one argument. A failed delivery is written on
 * the notification (delivery_error) and never stops the caller.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../store/db.js';
import { claimDelivery, recordDeliveryError, undelivered, type Notification } from '../store/notifications.js';

export type NotifyConfig = Config['notify'];

/** Only notifications this recent are delivered: turning delivery on must not replay old ones. */
const DELIVERY_WINDOW_MS = 60 * 60 * 1000;

export function deliveryConfigured(config: NotifyConfig): boolean {
  return config.desktop === true || (config.command !== undefined && config.command.length > 0);
}

/** Finds an executable on PATH without a shell. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function run(file: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, killSignal: 'SIGKILL', env, shell: false, windowsHide: true }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      if (e.killed) return reject(new Error(`${file} timed out after ${timeoutMs} ms`));
      const detail = String(stderr ?? '').trim().split('\n')[0] ?? '';
      reject(new Error(`${file} failed (${e.code ?? 'error'})${detail ? `: ${detail}` : ''}`));
    });
  });
}

/** Delivers one notification on every configured channel; resolves to an error text or null. */
export async function deliverOne(n: Pick<Notification, 'kind' | 'message'>, config: NotifyConfig, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const errors: string[] = [];
  const timeoutMs = config.timeoutMs;
  if (config.desktop) {
    const notifySend = findExecutable('notify-send', env);
    if (notifySend) {
      try {
        await run(notifySend, ['--app-name=portfolio', `portfolio: ${n.kind}`, n.message], timeoutMs, env);
      } catch (err) {
        errors.push((err as Error).message);
      }
    } else if (!config.command) {
      errors.push('notify-send not found on PATH');
    }
  }
  if (config.command && config.command.length > 0) {
    const [file, ...args] = config.command as [string, ...string[]];
    try {
      await run(file, [...args, n.message], timeoutMs, env);
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  return errors.length > 0 ? errors.join('; ') : null;
}

/**
 * Delivers every recent notification nobody has delivered yet. Each one is claimed in the database
 * first, so the daemon and a dashboard never both deliver it. Returns how many were attempted.
 */
export async function deliverPending(db: Db, config: NotifyConfig, options: { now?: Date; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  if (!deliveryConfigured(config)) return 0;
  const now = options.now ?? new Date();
  let attempted = 0;
  for (const n of undelivered(db, new Date(now.getTime() - DELIVERY_WINDOW_MS))) {
    if (!claimDelivery(db, n.id, now)) continue;
    attempted++;
    const error = await deliverOne(n, config, options.env);
    if (error && db.open) recordDeliveryError(db, n.id, error);
  }
  return attempted;
}
