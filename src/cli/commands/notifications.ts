import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { writeJson, writeLine } from '../output.js';

export function registerNotifications(program: Command, deps: Deps): void {
  program
    .command('notifications')
    .description('unread notifications (alerts fired, provider down/recovered, failed warms); shown ones are marked read')
    .addHelpText('after', `\nExamples:
  $ portfolio notifications
  $ portfolio notifications --all --json`)
    .option('--all', 'include notifications already read')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const { listNotifications, markRead } = await import('../../store/notifications.js');
      const db = deps.db();
      const list = listNotifications(db, { all: opts.all === true });
      if (opts.json) {
        writeJson(deps, { notifications: list });
      } else if (list.length === 0) {
        writeLine(deps, opts.all ? 'No notifications.' : 'No unread notifications (--all shows read ones).');
      } else {
        for (const n of list) {
          const mark = n.read ? ' ' : '*';
          writeLine(deps, `${mark} ${n.ts.slice(0, 19).replace('T', ' ')}  ${n.kind.padEnd(18)} ${n.message}`);
        }
      }
      markRead(
        db,
        list.filter((n) => !n.read).map((n) => n.id),
      );
    });
}
