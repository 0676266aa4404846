import { Text } from 'ink';
import type { ReportToken } from '../report/model.js';
import type { AppState } from './state.js';
import { toneStyle } from './theme.js';

const HINTS = {
  list: '⏎ open  / filter  s sort  tab reach  a accept  o file  e export  ? help  q quit',
  detail: 'j/k scroll  n/p next/prev  esc back  a accept  o file  e export  ? help  q quit',
  reach: 'j/k scroll  tab/esc list  / filter  e export  ? help  q quit',
} as const;

/** One line: the open prompt, else the last message, else the keys for this view. */
export function Footer({ state, tokens, color }: { state: AppState; tokens: readonly ReportToken[]; color: boolean }) {
  const prompt = state.prompt;
  if (prompt?.kind === 'filter') {
    return <Text wrap="truncate-start" {...toneStyle('accent', color)}>{`/${state.query}█   (enter keep · esc cancel · provider:x sev:x text)`}</Text>;
  }
  if (prompt?.kind === 'confirm-accept') {
    const token = tokens.find((t) => t.id === prompt.tokenId);
    return (
      <Text
        wrap="truncate-end"
        {...toneStyle('warn', color)}
      >{`Accept ${token ? `${token.provider} ${token.redacted}` : 'this token'} into the baseline? It will no longer fail scans. y/N`}</Text>
    );
  }
  if (prompt?.kind === 'export') {
    return (
      <Text
        wrap="truncate-end"
        {...toneStyle('accent', color)}
      >{`Export the ${state.view === 'detail' ? 'selected token' : 'shown tokens'} as: j JSON · m Markdown · esc cancel`}</Text>
    );
  }
  if (state.message)
    return (
      <Text wrap="truncate-end" {...toneStyle(state.message.tone, color)}>
        {state.message.text}
      </Text>
    );
  return (
    <Text wrap="truncate-end" {...toneStyle('muted', color)}>
      {HINTS[state.view]}
    </Text>
  );
}
