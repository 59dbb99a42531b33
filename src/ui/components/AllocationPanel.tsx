import { Box, Text } from 'ink';
import { formatMoney, formatPct } from '../../base/format.js';
import { weightBar } from '../../ledger/allocation-table.js';
import type { AllocationReport } from '../../ledger/allocation-report.js';

/** The `l` panel: value and weight per asset class, a bar with the target marked, and drift. */
export function AllocationPanel({ report, height, width }: { report: AllocationReport | null; height: number; width: number }) {
  if (!report) return <Text dimColor>loading allocation…</Text>;
  const bar = Math.max(10, Math.min(40, width - 60));
  const keyWidth = Math.max(5, ...report.groups.map((g) => g.key.length));
  const lines = report.groups.map((g) => {
    const target = g.target === null ? '' : `  target ${formatPct(g.target, 1)}  drift ${g.drift !== null && g.drift > 0 ? '+' : ''}${formatPct(g.drift, 1)}`;
    return `${g.key.padEnd(keyWidth)}  ${formatMoney(g.value).padStart(14)}  ${formatPct(g.weight, 1).padStart(6)}  ${weightBar(g.weight, g.target, bar)}${target}`;
  });
  return (
    <Box flexDirection="column">
      <Text bold>
        Allocation by asset class ({report.baseCurrency}){report.targeted > 0 ? ` · drift ${formatPct(report.totalDrift, 1)}` : ''} · l or Esc closes
      </Text>
      {lines.length === 0 ? <Text dimColor>Nothing held yet.</Text> : null}
      {lines.slice(0, Math.max(1, height - 2)).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
      {report.targeted === 0 ? <Text dimColor>No targets: set some with portfolio target set equity 80</Text> : null}
    </Box>
  );
}
