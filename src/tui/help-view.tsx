import { Box, Text } from 'ink';
import { wrapLines } from './lines.js';
import { toneStyle } from './theme.js';

export const KEY_HELP: readonly [string, string][] = [
  ['↑ ↓  j k', 'move (list) / scroll (detail, reach)'],
  ['PgUp PgDn space g G', 'page / top / bottom'],
  ['enter → l', 'open the selected token'],
  ['esc ← h', 'back to the list (in the list: clear the filter)'],
  ['n p', 'next / previous token in the detail pane'],
  ['tab r', 'reach view: who can reach each production and backup resource'],
  ['/', 'filter: provider:aws  sev:critical,high  critical  any text'],
  ['s', 'sort: severity → provider → location → backup reach'],
  ['a', 'accept the token into the baseline (asks y/n, writes the file)'],
  ['o', 'note file:line of every location (printed when you quit)'],
  ['e', 'export the current view: j JSON, m Markdown'],
  ['?', 'this help (any key closes it)'],
  ['q  ctrl-c', 'quit'],
];

const KEYS_WIDTH = 24;

/** Help rows: the keys, then what they do wrapped under itself (never cut off at the edge). */
export function helpRows(width: number): { keys: string; what: string }[] {
  const room = Math.max(20, width - 1 - KEYS_WIDTH);
  return KEY_HELP.flatMap(([keys, what]) =>
    wrapLines([{ text: what }], room).map((line, i) => ({
      keys: i === 0 ? `  ${keys}`.padEnd(KEYS_WIDTH) : ' '.repeat(KEYS_WIDTH),
      what: line.text.trimStart(),
    })),
  );
}

export function HelpView({ rows, width, color }: { rows: number; width: number; color: boolean }) {
  return (
    <Box flexDirection="column" height={rows}>
      <Text {...toneStyle('title', color)}>Keys</Text>
      {helpRows(width)
        .slice(0, Math.max(0, rows - 1))
        .map((row, index) => (
          <Text key={index} wrap="truncate-end">
            <Text {...toneStyle('accent', color)}>{row.keys}</Text>
            {row.what}
          </Text>
        ))}
    </Box>
  );
}
