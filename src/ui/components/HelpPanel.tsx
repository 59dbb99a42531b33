import { Box, Text } from 'ink';
import { LEGEND } from '../frame.js';

const KEYS: [string, string][] = [
  ['↑ ↓  j k', 'select a holding'],
  ['s', 'cycle sort: value, day %, gain %, symbol, weight'],
  ['1-7', 'chart range: 1M 3M 6M YTD 1Y 5Y MAX'],
  ['w', 'next watchlist (and back to the holdings)'],
  ['a', 'add a price alert on the selected row'],
  ['c', 'hide or show charts'],
  ['r', 'refresh prices now'],
  ['n', 'notifications'],
  ['i', 'income: trailing and next twelve months, next payments'],
  ['l', 'allocation by asset class, with targets and drift'],
  ['?', 'this help'],
  ['q  Ctrl-C', 'quit'],
];

export function HelpPanel({ height }: { height: number }) {
  const lines = [
    ...KEYS.map(([k, v]) => `  ${k.padEnd(10)} ${v}`),
    '',
    `  ${LEGEND}`,
    '  age: time since the price was taken; a stale row says why (market closed, provider down...)',
    '  Esc or ? closes this panel',
  ];
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {lines.slice(0, Math.max(1, height - 1)).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
