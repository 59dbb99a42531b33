import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { EXIT } from '../../base/errors.js';
import { sanitize } from '../../base/sanitize.js';
import { KEY_HINT } from '../../market/chain/order.js';
import { writeJson, writeLine } from '../output.js';

export function registerWarm(program: Command, deps: Deps): void {
  program
    .command('warm')
    .description('refresh quotes, daily history and FX for every held symbol (made for crontab)')
    .addHelpText('after', `\nExamples:
  $ portfolio warm
  $ portfolio warm --json      a summary for scripts`)
    .option('--json', 'print a JSON summary')
    .option('--force', 'ask for quotes even when the cached ones are still fresh')
    .addHelpText(
      'after',
      `
Only stale quotes and missing days of history are fetched; quotes taken after their market closed
stay fresh until it opens again. Exit codes: 0 done, 75 provider unreachable or refusing (cached
data kept, try later), 1 failure, 130/143 stopped by SIGINT/SIGTERM (summary printed). Crontab:
  */30 6-22 * * 1-5 portfolio warm >/dev/null 2>&1 || [ $? -eq 75 ]`,
    )
    .action(async (opts: { json?: boolean; force?: boolean }) => {
      const { warm } = await import('../../jobs/warm.js');
      const tty = deps.stderr.isTTY === true && !opts.json;
      // Ctrl-C or SIGTERM aborts deps.signal (cli/interrupt.ts): stop asking, keep what landed (every
      // write is its own transaction), print the summary, close the job run; main() exits 130/143.
      let spinner: { text: string; stop(): void; start(): unknown } | null = null;
      if (tty) {
        const { default: ora } = await import('ora');
        // discardStdin off: ora's raw-mode stdin handling can swallow Ctrl-C; the terminal's own SIGINT is what we want.
        spinner = ora({ text: 'warming the price cache', stream: deps.stderr, discardStdin: false }).start();
      }
      let lastPhase = '';
      try {
        const summary = await warm(deps, {
          force: opts.force,
          signal: deps.signal,
          onProgress: (p) => {
            if (spinner) spinner.text = `${p.phase}: ${p.done}/${p.total}`;
            else if (!opts.json && p.phase !== lastPhase) deps.stderr.write(`warm: ${p.phase}: ${p.total} to fetch\n`);
            lastPhase = p.phase;
          },
        });
        spinner?.stop();
        if (summary.outcome !== 'ok' || deps.signal.aborted) deps.exitCode = EXIT.tempFailure;
        if (opts.json) return writeJson(deps, summary);
        const rate = `${Math.round(summary.cacheHitRate * 100)}% cached`;
        writeLine(
          deps,
          `warm: ${summary.symbols} symbols; quotes ${summary.quotes.fetched} fetched, ${summary.quotes.cached} fresh, ${summary.quotes.failed} failed; ` +
            `history ${summary.history.fetched} fetched, ${summary.history.cached} complete, ${summary.history.failed} failed; ` +
            `${summary.apiCalls} requests, ${rate}, ${(summary.durationMs / 1000).toFixed(1)} s, circuit ${summary.circuit}`,
        );
        const sources = Object.entries(summary.sources).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        if (sources.length > 0) writeLine(deps, `prices from: ${sources.map(([name, n]) => `${name} ${n}`).join(', ')}`);
        const shown = summary.errors.slice(0, 10);
        for (const e of shown) deps.stderr.write(`  ${sanitize(e.symbol)} (${e.kind}): ${sanitize(e.message.replace(`; ${KEY_HINT}`, ''))}
`);
        if (summary.errors.length > shown.length) deps.stderr.write(`  ... and ${summary.errors.length - shown.length} more (see --json)
`);
        const keyless = [...new Set(summary.errors.filter((e) => e.message.includes(KEY_HINT)).map((e) => sanitize(e.symbol)))];
        if (keyless.length > 0) deps.stderr.write(`portfolio: no provider left for ${keyless.join(', ')}; ${KEY_HINT}
`);
        if (summary.outcome !== 'ok') {
          deps.stderr.write(`portfolio: ${sanitize(summary.reason ?? 'some prices could not be fetched')}; cached data kept, try again later
`);
        }
      } finally {
        spinner?.stop();
      }
    });
}
