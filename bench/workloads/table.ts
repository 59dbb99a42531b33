/** The human-readable summary of bench/results.json: one row per measure, one column per workload, goals checked. */

interface Goal {
  key: string;
  label: string;
  goal?: (v: number, w: Record<string, unknown>) => boolean;
  goalText?: string;
}

const GOALS: Goal[] = [
  { key: 'firstFrameMs', label: 'first frame (ms, median)' },
  { key: 'floorMs', label: 'floor: bare better-sqlite3 (ms)' },
  { key: 'firstFrameRatio', label: 'first frame / floor', goal: (v) => v <= 1.5, goalText: '<= 1.5' },
  { key: 'refreshMs', label: 'cold refresh of every quote (ms, median)' },
  { key: 'refreshFloorMs', label: 'refresh floor (ms)' },
  { key: 'refreshRatio', label: 'refresh / floor (rate set to 95% of limit)', goal: (v) => v <= 1.2, goalText: '<= 1.2' },
  { key: 'refreshMsDefaultRate', label: 'cold refresh at default 4/s (ms)' },
  { key: 'refreshRatioDefaultRate', label: 'refresh / floor at default 4/s' },
  { key: 'apiCallsCold', label: 'API calls, cold warm', goal: (v, w) => v <= Number(w.apiCallsMinCold), goalText: '= min' },
  { key: 'apiCallsMinCold', label: 'API calls, cold minimum' },
  { key: 'apiCallsWarm', label: 'API calls, dashboard after warm', goal: (v) => v === 0, goalText: '0' },
  { key: 'cacheHitRate', label: 'cache hit rate, simulated day', goal: (v) => v >= 0.99, goalText: '>= 0.99' },
  { key: 'errorRateUnderFaults', label: 'unrefreshed with 20% 500s', goal: (v) => v <= 0.01, goalText: '<= 0.01' },
  { key: 'computeMs', label: 'holdings + all periods (ms)' },
  { key: 'peakRssMb', label: 'peak RSS (MB)' },
];

interface Results {
  date: string;
  node: string;
  machine: { cpus: number; cpuModel: string; memoryGb?: number };
  mode: string;
  durationSeconds?: number;
  workloads: Record<string, unknown>[];
}

/** hledger's times next to portfolio's on one workload, as [what, numbers] lines. */
function hledgerLines(w: Record<string, unknown>): [string, string][] {
  const h = (w.details as { hledger?: Record<string, number | string> } | undefined)?.hledger;
  if (!h) return [];
  if (typeof h.hledgerBalMs !== 'number') return [[`${w.name}: hledger`, `skipped (${String(h.skipped).slice(0, 100)})`]];
  const more = h.timedOut ? '>= ' : '';
  const lines: [string, string][] = [
    [`${w.name}: hledger bal -V / portfolio holdings`, `${Math.round(h.hledgerBalMs)} / ${Math.round(Number(h.portfolioHoldingsMs))} ms = ${more}${Number(h.balRatio).toFixed(1)}x`],
    [`${w.name}: hledger roi / portfolio performance`, `${Math.round(Number(h.hledgerRoiMs))} / ${Math.round(Number(h.portfolioPerformanceMs))} ms = ${more}${Number(h.roiRatio).toFixed(1)}x`],
  ];
  if (h.timedOut) lines.push([`${w.name}: hledger`, `note: ${String(h.timedOut)} = lower bound`]);
  return lines;
}

export function formatTable(results: Results): string {
  const ws = results.workloads;
  const head = ['measure', ...ws.map((w) => String(w.name)), 'goal'];
  const rows: string[][] = GOALS.map((g) => [
    g.label,
    ...ws.map((w) => {
      const v = Number(w[g.key]);
      const mark = g.goal ? (g.goal(v, w) ? ' ok' : ' MISS') : '';
      return `${v}${mark}`;
    }),
    g.goalText ?? '',
  ]);
  for (const w of ws) for (const [what, numbers] of hledgerLines(w)) rows.push([what, numbers, '', '']);
  const grid = rows.filter((r) => !isNote(r));
  const width = head.map((_, i) => Math.max(...[head, ...grid].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(width[i] as number) : c.padStart(width[i] as number))).join('  ');
  return [
    `portfolio benchmark (${results.mode}) · ${results.date} · ${results.machine.cpus} cores ${results.machine.cpuModel} · node ${results.node}`,
    line(head),
    ...rows.map((r) => (isNote(r) ? `${r[0]}  ${r[1]}` : line(r))),
    '',
  ].join('\n');
}

/** hledger lines are notes under the grid, not columns of it. */
function isNote(r: string[]): boolean {
  return r[1]?.includes(' = ') === true || r[1]?.startsWith('skipped') === true || r[1]?.startsWith('note:') === true;
}

/** The same measures as a Markdown table (docs/performance.md's), then the run's date and machine and the hledger lines. */
export function formatMarkdown(results: Results): string {
  const ws = results.workloads;
  const m = results.machine;
  const lines = [
    `| measure | ${ws.map((w) => `${String(w.holdings)} holdings x ${String(w.years)} years`).join(' | ')} | goal |`,
    `|---|${ws.map(() => '---:').join('|')}|---|`,
    ...GOALS.map((g) => `| ${g.label} | ${ws.map((w) => String(w[g.key])).join(' | ')} | ${g.goalText ?? ''} |`),
    '',
    `${results.mode} run of ${results.date.slice(0, 16).replace('T', ' ')} UTC, ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb ?? '?'} GB, node ${results.node}, ${results.durationSeconds ?? '?'} s in all.`,
    ...ws.flatMap((w) => hledgerLines(w).map(([what, numbers]) => `- ${what}: ${numbers}`)),
  ];
  return `${lines.join('\n')}\n`;
}
