#!/usr/bin/env node
/**
 * The README's results table from a results file of `npm run bench`:
 *
 *   node bench/markdown.js bench/results.json
 *
 * One row per measure, one column per workload, the goal last; then the run's date, machine and
 * the hledger comparison lines. Numbers are printed as the file holds them.
 */
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/markdown.js RESULTS.json');
  process.exit(2);
}
const r = JSON.parse(readFileSync(file, 'utf8'));

const ROWS = [
  ['firstFrameMs', 'first frame, ms (median)', ''],
  ['floorMs', 'floor: bare better-sqlite3, ms', ''],
  ['firstFrameRatio', 'first frame / floor', '<= 1.5'],
  ['refreshMs', 'cold refresh of every quote at 95% of the limit, ms', ''],
  ['refreshFloorMs', 'refresh floor, ms', ''],
  ['refreshRatio', 'refresh / floor', '<= 1.2'],
  ['refreshMsDefaultRate', 'cold refresh at the default 4/s, ms', ''],
  ['refreshRatioDefaultRate', 'refresh / floor at the default 4/s', ''],
  ['apiCallsCold', 'API calls, cold warm', ''],
  ['apiCallsMinCold', 'API calls, cold minimum', 'cold = min'],
  ['apiCallsWarm', 'API calls, dashboard after a warm', '0'],
  ['cacheHitRate', 'cache hit rate, simulated day', '>= 0.99'],
  ['errorRateUnderFaults', 'symbols unrefreshed, 20% of requests 500', '<= 0.01'],
  ['computeMs', 'holdings + every period, ms', ''],
  ['peakRssMb', 'peak RSS, MB', ''],
];

const ws = r.workloads;
const title = (w) => `${w.holdings} holdings x ${w.years} years`;
const out = [];
out.push(`| measure | ${ws.map(title).join(' | ')} | goal |`);
out.push(`|---|${ws.map(() => '---:').join('|')}|---|`);
for (const [key, label, goal] of ROWS) out.push(`| ${label} | ${ws.map((w) => String(w[key] ?? '')).join(' | ')} | ${goal} |`);
out.push('');
const m = r.machine;
out.push(`${r.mode} run of ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB, node ${r.node.replace(/^v/, 'v')}, ${r.durationSeconds} s in all.`);
for (const w of ws) {
  const h = w.details?.hledger;
  if (h && typeof h.hledgerBalMs === 'number') {
    const more = h.timedOut ? '>= ' : '';
    out.push(
      `- ${w.name}: \`hledger bal -V\` ${Math.round(h.hledgerBalMs)} ms vs \`portfolio holdings --json\` ${Math.round(h.portfolioHoldingsMs)} ms (${more}${Number(h.balRatio).toFixed(1)}x); ` +
        `\`hledger roi\` ${Math.round(h.hledgerRoiMs)} ms vs \`portfolio performance --json --period MAX\` ${Math.round(h.portfolioPerformanceMs)} ms (${more}${Number(h.roiRatio).toFixed(1)}x).`,
    );
  }
}
process.stdout.write(`${out.join('\n')}\n`);
