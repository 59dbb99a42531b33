import type { Command } from 'commander';
import { dayToIso, isoToDay, todayIso } from '../../core/dates.js';
import { CHART_RANGES, chartStart, isChartRange } from '../../core/periods.js';
import type { Deps } from '../../deps.js';
import { InputError, UsageError } from '../../base/errors.js';
import { formatMoney } from '../../base/format.js';
import { useColor, writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';
import { writeWarnings } from '../warnings.js';


const numberOrNull = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);

/** A line for the plot: unknown days carry the last known value (0 before any). */
function fillGaps(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  let last = 0;
  for (let i = 0; i < a.length; i++) out[i] = last = Number.isNaN(a[i] as number) ? last : (a[i] as number);
  return out;
}

export const registerChart: Register = (program: Command, deps: Deps) => {
  program
    .command('chart')
    .argument('[symbol]', 'chart one symbol’s closes instead of the portfolio')
    .description('ASCII chart of the portfolio’s value against net contributions, or of one symbol’s closes (no network)')
    .option('--range <range>', 'one of 1M, 3M, 6M, YTD, 1Y, 5Y, MAX', '1Y')
    .option('--benchmark <symbol>', 'also draw a benchmark: the same money put into it (portfolio), or its closes scaled to the symbol\'s')
    .option('--json', 'print the series as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ portfolio chart
  $ portfolio chart AAPL --range 6M
  $ portfolio chart --benchmark VTI
  $ portfolio chart --range MAX --json`,
    )
    .action(async (symbol: string | undefined, opts: { range: string; benchmark?: string; json?: boolean }) => {
      const bench = opts.benchmark?.trim().toUpperCase();
      if (bench !== undefined && !/^[A-Z0-9^][A-Z0-9.=^-]{0,31}$/.test(bench)) throw new UsageError(`--benchmark must be a symbol such as VTI, not "${bench.slice(0, 40)}"`);
      const range = opts.range.toUpperCase();
      if (!isChartRange(range)) throw new UsageError(`--range must be one of ${CHART_RANGES.join(', ')}, not "${opts.range}"`);
      const today = todayIso(deps.clock.now());
      const start = chartStart(range, isoToDay(today));
      const from = start === undefined ? undefined : dayToIso(start);
      const { portfolioSeries, symbolSeries } = await import('../../returns/series.js');
      const db = deps.db();
      const base = deps.config().baseCurrency;
      let header: string;
      let extra: string | null = null;
      let lines: Float64Array[];
      let warnings: string[];
      if (symbol) {
        const s = symbolSeries(db, symbol.toUpperCase(), from, today);
        warnings = s.warnings;
        let first = 0;
        while (first < s.close.length && Number.isNaN(s.close[first] as number)) first++;
        const days = s.days.subarray(first);
        const close = s.close.subarray(first);
        let scaled: Float64Array | null = null;
        if (bench) {
          const { scaledTo } = await import('../../core/benchmark.js');
          const b = symbolSeries(db, bench, days.length ? dayToIso(days[0] as number) : from, today);
          warnings.push(...b.warnings);
          scaled = scaledTo(b.close, close[0] ?? NaN);
        }
        if (opts.json) {
          writeJson(deps, {
            symbol: symbol.toUpperCase(),
            range,
            from: days.length ? dayToIso(days[0] as number) : null,
            to: today,
            splitAdjusted: s.splitAdjusted,
            ...(bench ? { benchmark: bench } : {}),
            series: Array.from(days, (d, k) => ({ date: dayToIso(d), close: close[k], ...(scaled ? { benchmark: numberOrNull(scaled[k]) } : {}) })),
            warnings,
          });
          return;
        }
        if (close.length === 0) throw new InputError(`no closes stored for ${symbol.toUpperCase()}: run "portfolio warm" or "portfolio prices set"`);
        header = `${symbol.toUpperCase()} close, ${dayToIso(days[0] as number)}..${today}: ${formatMoney(close[close.length - 1])}`;
        lines = [close];
        if (scaled) {
          extra = `${bench} scaled to ${symbol.toUpperCase()}'s first close (${useColor(deps) ? 'blue' : 'second line'}): ${formatMoney(scaled[scaled.length - 1])}`;
          lines.push(fillGaps(scaled));
        }
      } else {
        const full = portfolioSeries(db, { from, to: today, baseCurrency: base });
        warnings = full.warnings;
        // Days before the first transaction carry nothing: start the chart the day before it.
        let first = 0;
        while (first < full.days.length - 1 && full.value[first + 1] === 0 && full.netContributions[first + 1] === 0) first++;
        const s = { days: full.days.subarray(first), value: full.value.subarray(first), netContributions: full.netContributions.subarray(first) };
        let same: Float64Array | null = null;
        if (bench) {
          const { sameMoneyChart } = await import('../../returns/benchmark.js');
          const b = sameMoneyChart(db, bench, base, from, today);
          warnings.push(...b.warnings);
          same = b.values.subarray(first);
        }
        if (opts.json) {
          writeJson(deps, {
            range,
            baseCurrency: base,
            from: s.days.length ? dayToIso(s.days[0] as number) : null,
            to: today,
            ...(bench ? { benchmark: bench } : {}),
            series: Array.from(s.days, (d, k) => ({
              date: dayToIso(d),
              value: s.value[k],
              netContributions: s.netContributions[k],
              ...(same ? { benchmarkValue: numberOrNull(same[k]) } : {}),
            })),
            warnings,
          });
          return;
        }
        if (s.days.length < 2) {
          writeLine(deps, 'nothing to chart yet: record transactions with "portfolio add" or "portfolio import FILE.csv"');
          return;
        }
        const n = s.value.length - 1;
        const legend = useColor(deps) ? 'value (green) vs net contributions (blue)' : 'value vs net contributions';
        header = `Portfolio ${legend} (${base}): ${formatMoney(s.value[n])} vs ${formatMoney(s.netContributions[n])}, ${dayToIso(s.days[0] as number)}..${today}`;
        lines = [s.value, s.netContributions];
        if (same) {
          extra = `the same money in ${bench} (${useColor(deps) ? 'magenta' : 'third line'}): ${formatMoney(same[n])}`;
          lines.push(fillGaps(same));
        }
      }
      const { plotSeries } = await import('../../returns/chart-render.js');
      const size = { columns: deps.stdout.isTTY ? (deps.stdout.columns ?? 80) : 80, rows: deps.stdout.isTTY ? (deps.stdout.rows ?? 24) : 20 };
      for (const line of extra ? [header, extra] : [header]) writeLine(deps, line.length > size.columns ? `${line.slice(0, size.columns - 1)}…` : line);
      writeLine(deps, plotSeries(lines, size, useColor(deps)));
      writeWarnings(deps.stderr, warnings);
    });
};
