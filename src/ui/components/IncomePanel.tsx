import { Box, Text } from 'ink';
import { formatMoney } from '../../base/format.js';
import type { IncomeSummary } from '../state.js';

export function IncomePanel({ income, height }: { income: IncomeSummary; height: number }) {
  const shown = income.next.slice(0, Math.max(1, height - 4));
  return (
    <Box flexDirection="column">
      <Text bold>Income (i or Esc closes)</Text>
      <Text>
        Last 12 months, net of tax withheld: {formatMoney(income.trailing12m)} {income.baseCurrency} · next 12 months (estimate): {formatMoney(income.forward12m)} {income.baseCurrency}
      </Text>
      <Text dimColor>Next payments</Text>
      {shown.length === 0 ? <Text dimColor>No payments expected.</Text> : null}
      {shown.map((p) => (
        <Text key={`${p.date}-${p.symbol}`} wrap="truncate">
          {p.date} {p.symbol.padEnd(10)} {formatMoney(p.amount).padStart(12)}
        </Text>
      ))}
    </Box>
  );
}
