import { Box, Text } from 'ink';
import type { Line } from './lines.js';
import { toneStyle } from './theme.js';

/** `rows` lines of pre-wrapped text starting at `top`, padded so the frame keeps its height. */
export function ScrollView({ lines, top, rows, color }: { lines: readonly Line[]; top: number; rows: number; color: boolean }) {
  const shown = lines.slice(top, top + rows);
  const more = lines.length - top - rows;
  return (
    <Box flexDirection="column" height={rows}>
      {shown.map((line, index) => (
        <Text key={top + index} wrap="truncate-end" {...toneStyle(line.tone, color)}>
          {index === rows - 1 && more > 0 ? `… ${more} more line${more === 1 ? '' : 's'} (j/space)` : line.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
