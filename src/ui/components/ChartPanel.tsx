import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { chartLines } from '../chart-render.js';
import type { ChartData } from '../state.js';

interface Props {
  charts: ChartData | null;
  width: number;
  height: number;
  range: string;
  loading: boolean;
}

/** Portfolio value and the selected symbol's closes, side by side when there is room. */
export function ChartPanel({ charts, width, height, range, loading }: Props) {
  const columns = useMemo(() => {
    if (!charts) return [[loading ? `charts (${range}) loading…` : `charts (${range})`]];
    const two = width >= 90 && charts.symbol !== null;
    const w = two ? Math.floor((width - 2) / 2) : width;
    const out = [chartLines(`portfolio value · ${charts.range}${charts.note ? ` · ${charts.note}` : ''}`, charts.portfolio, w, height)];
    if (two) out.push(chartLines(`${charts.symbol} close · ${charts.range}`, charts.closes, w, height));
    return out;
  }, [charts, width, height, range, loading]);
  return (
    <Box flexDirection="row" height={height} gap={2}>
      {columns.map((lines, i) => (
        <Box key={i} flexDirection="column">
          {lines.map((l, j) => (
            <Text key={j} wrap="truncate" dimColor={!charts}>
              {l}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
