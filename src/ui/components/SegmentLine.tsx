import { sanitize } from '../../base/sanitize.js';
import { Text } from 'ink';
import type { Segment } from '../frame.js';
import type { Tone } from '../format.js';

/** Ink colour props for a tone (colour never carries meaning alone: signs and marks are printed). */
export function toneProps(tone: Tone, color: boolean): { color?: string; dimColor?: boolean } {
  if (!color) return {};
  switch (tone) {
    case 'up':
      return { color: 'green' };
    case 'down':
    case 'bad':
      return { color: 'red' };
    case 'warn':
      return { color: 'yellow' };
    case 'dim':
      return { dimColor: true };
    default:
      return {};
  }
}

export function SegmentLine({ segments, color }: { segments: Segment[]; color: boolean }) {
  return (
    <Text wrap="truncate">
      {segments.map((s, i) => (
        <Text key={i}>
          {i > 0 ? <Text dimColor={color}> · </Text> : null}
          <Text bold={s.bold === true} {...toneProps(s.tone, color)}>
            {sanitize(s.text)}
          </Text>
        </Text>
      ))}
    </Text>
  );
}
