import { Box, useApp, useInput } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { errorMessage } from '../core/errors.js';
import type { Report } from '../report/model.js';
import type { AuditActions } from './actions.js';
import { detailLines } from './detail-lines.js';
import { reportOf, visibleTokens } from './filter.js';
import { Footer } from './footer.js';
import { Header, verdictLines } from './header.js';
import { HelpView } from './help-view.js';
import { wrapLines, type Line } from './lines.js';
import { reachLines } from './reach.js';
import { ScrollView } from './scroll-view.js';
import { handleKey, initialState, keepVisible, selectedToken, splitInput, type AppState, type Effect } from './state.js';
import { TokenList } from './token-list.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AuditAppProps {
  report: Report;
  actions: AuditActions;
  color: boolean;
  /** Fixed size (tests, captures); otherwise the terminal's, following resizes. */
  width?: number;
  height?: number;
}

const FOOTER_ROWS = 1;

/** The audit screen: header, one of list / detail / reach / help, and a footer. Never calls render(). */
export function AuditApp({ report, actions, color, width, height }: AuditAppProps) {
  const { exit } = useApp();
  const size = useTerminalSize({ width, height });
  const headerRows = 2 + verdictLines(report, size.width).lines.length;
  // Ink's full-screen redraw starts at `rows` lines; one line less keeps updates incremental.
  const bodyRows = Math.max(3, size.height - 1 - headerRows - FOOTER_ROWS);
  const [state, setState] = useState<AppState>(initialState);
  // Several keys can arrive in one chunk: each must see the state the previous one left.
  const latest = useRef(state);
  latest.current = state;

  const derive = (current: AppState) => {
    const visible = visibleTokens(report.tokens, current.query, current.sort);
    const selected = selectedToken(current, visible);
    let lines: Line[] = [];
    if (current.view === 'detail' && selected) lines = wrapLines(detailLines(selected, current.accepted.includes(selected.id)), size.width - 1);
    else if (current.view === 'reach') lines = wrapLines(reachLines(visible), size.width - 1);
    return { visible, selected, lines };
  };
  const { visible, selected, lines: viewLines } = useMemo(() => derive(state), [report, state, size.width]);

  const perform = (effect: Effect, current: AppState): AppState => {
    const { visible, selected } = derive(current);
    const token = 'tokenId' in effect ? report.tokens.find((t) => t.id === effect.tokenId) : undefined;
    try {
      switch (effect.kind) {
        case 'quit':
          exit();
          return current;
        case 'accept':
          return token ? { ...current, accepted: [...current.accepted, token.id], message: { text: actions.accept(token), tone: 'ok' } } : current;
        case 'open':
          return token ? { ...current, message: { text: actions.open(token), tone: 'accent' } } : current;
        case 'export': {
          const shown = current.view === 'detail' && selected ? [selected] : visible;
          return { ...current, message: { text: actions.exportReport(reportOf(report, shown), effect.format), tone: 'ok' } };
        }
      }
    } catch (error) {
      return { ...current, message: { text: `failed: ${errorMessage(error)}`, tone: 'warn' } };
    }
  };

  useInput((chunk, chunkKey) => {
    for (const [input, key] of splitInput(chunk, chunkKey)) {
      const now = derive(latest.current);
      const ctx = { visible: now.visible, listRows: bodyRows - 1, viewRows: bodyRows, viewLines: now.lines.length };
      const result = handleKey(latest.current, input, key, ctx);
      latest.current = result.effect ? perform(result.effect, result.state) : result.state;
      if (result.effect?.kind === 'quit') break;
    }
    setState(latest.current);
  });

  const selectedIndex = selected ? visible.indexOf(selected) : 0;
  const listTop = keepVisible(Math.min(state.listTop, Math.max(0, visible.length - 1)), selectedIndex, bodyRows - 1);
  const emptyText = report.tokens.length === 0 ? 'No credentials found.' : `No token matches "${state.query}" (esc clears the filter).`;
  return (
    <Box flexDirection="column" width={size.width}>
      <Header report={report} visible={visible} view={state.view} sort={state.sort} query={state.query} color={color} width={size.width} />
      {state.help ? (
        <HelpView rows={bodyRows} width={size.width} color={color} />
      ) : state.view === 'list' || (state.view === 'detail' && !selected) ? (
        <TokenList
          tokens={visible}
          selectedId={selected?.id}
          top={listTop}
          rows={bodyRows}
          width={size.width}
          color={color}
          accepted={state.accepted}
          emptyText={emptyText}
        />
      ) : (
        <ScrollView lines={viewLines} top={Math.min(state.scroll, Math.max(0, viewLines.length - bodyRows))} rows={bodyRows} color={color} />
      )}
      <Footer state={state} tokens={report.tokens} color={color} />
    </Box>
  );
}
