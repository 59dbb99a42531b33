import { Box, Text } from 'ink';
import { sanitize } from '../../base/sanitize.js';
import type { Notification } from '../../store/notifications.js';

export function NotificationsPanel({ items, height }: { items: Notification[]; height: number }) {
  const shown = items.slice(0, Math.max(1, height - 2));
  return (
    <Box flexDirection="column">
      <Text bold>Notifications (n or Esc closes)</Text>
      {shown.length === 0 ? <Text dimColor>No notifications.</Text> : null}
      {shown.map((n) => (
        <Text key={n.id} wrap="truncate">
          {n.read ? '  ' : '• '}
          {n.ts.slice(0, 16).replace('T', ' ')} {sanitize(n.message)}
        </Text>
      ))}
    </Box>
  );
}
