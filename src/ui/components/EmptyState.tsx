import { Box, Text } from 'ink';
import { EMPTY_HELP } from '../frame.js';

export function EmptyState() {
  return (
    <Box flexDirection="column">
      {EMPTY_HELP.map((line) => (
        <Text key={line} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
