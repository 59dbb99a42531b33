import { Box, Text } from 'ink';
import type { FrameModel } from '../frame.js';
import { toneProps } from './SegmentLine.js';

/** The holdings table: the same cells the plain first frame printed, selected row inverted. */
export function HoldingsTable({ model, color }: { model: FrameModel; color: boolean }) {
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {model.table.header}
      </Text>
      {model.visible.map((row) => (
        <Text key={row.holding.symbol} wrap="truncate" inverse={row.selected}>
          {row.cells.map((c, i) => (
            <Text key={i} {...toneProps(c.tone, color)}>
              {i > 0 ? ' ' : ''}
              {c.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
