import { Box, Text } from 'ink';
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

export function HelpView({ rows, color }: { rows: number; color: boolean }) {
  return (
    <Box flexDirection="column" height={rows}>
      <Text {...toneStyle('title', color)}>Keys</Text>
      {KEY_HELP.slice(0, Math.max(0, rows - 1)).map(([keys, what]) => (
        <Text key={keys} wrap="truncate-end">
          <Text {...toneStyle('accent', color)}>{`  ${keys.padEnd(22)}`}</Text>
          {what}
        </Text>
      ))}
    </Box>
  );
}
