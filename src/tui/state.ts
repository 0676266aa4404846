import type { Key } from 'ink';
import type { ReportToken } from '../report/model.js';
import { SORT_MODES, type SortMode } from './filter.js';
import type { Tone } from './theme.js';

export type View = 'list' | 'detail' | 'reach';

export type Prompt = { kind: 'filter'; previous: string } | { kind: 'confirm-accept'; tokenId: string } | { kind: 'export' } | null;

export interface AppState {
  view: View;
  help: boolean;
  /** Selection follows the token, not the row, across filtering and sorting. */
  selectedId?: string;
  /** First list row on screen. */
  listTop: number;
  /** First line on screen in the detail and reach views. */
  scroll: number;
  query: string;
  sort: SortMode;
  prompt: Prompt;
  message?: { text: string; tone?: Tone };
  accepted: string[];
}

/** Work the reducer asks the component to do: file writes and quitting happen outside it. */
export type Effect =
  | { kind: 'quit' }
  | { kind: 'accept'; tokenId: string }
  | { kind: 'export'; format: 'json' | 'markdown' }
  | { kind: 'open'; tokenId: string };

export interface KeyContext {
  visible: readonly ReportToken[];
  /** Rows available to list items / to the scrolling view's lines. */
  listRows: number;
  viewRows: number;
  /** Total lines of the current detail or reach view. */
  viewLines: number;
}

export type KeyInput = Pick<
  Key,
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'ctrl'
  | 'meta'
>;

/** A key event with no special key held (the base of every synthesized event). */
export const NO_KEY: KeyInput = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  tab: false,
  backspace: false,
  delete: false,
  ctrl: false,
  meta: false,
};

/**
 * Ink hands a run of plain characters that arrive together (typing fast, a paste, tmux send-keys)
 * to the handler as one string; the keys mean one thing each, so split them back into key presses.
 */
export function splitInput(input: string, key: KeyInput): [string, KeyInput][] {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return chars.map((ch): [string, KeyInput] => {
    if (ch === '\r' || ch === '\n') return ['', { ...NO_KEY, return: true }];
    if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
    if (ch === '\u007F' || ch === '\b') return ['', { ...NO_KEY, backspace: true }];
    return [ch, NO_KEY];
  });
}

export function initialState(): AppState {
  return { view: 'list', help: false, listTop: 0, scroll: 0, query: '', sort: 'severity', prompt: null, accepted: [] };
}

type Result = { state: AppState; effect?: Effect };

/** Every key press, as a pure function of the state and what is on screen. */
export function handleKey(state: AppState, input: string, key: KeyInput, ctx: KeyContext): Result {
  const s: AppState = { ...state, message: undefined };
  if (state.prompt) return handlePrompt(s, state.prompt, input, key);
  if (state.help) return { state: { ...s, help: false } };
  if (input === 'q' || (key.ctrl && input === 'c')) return { state: s, effect: { kind: 'quit' } };
  if (input === '?') return { state: { ...s, help: true } };
  if (input === '/') return { state: { ...s, view: s.view === 'detail' ? 'list' : s.view, prompt: { kind: 'filter', previous: s.query } } };
  if (input === 'e') return { state: { ...s, prompt: { kind: 'export' } } };
  if (key.tab || input === 'r') return { state: { ...s, view: s.view === 'reach' ? 'list' : 'reach', scroll: 0 } };
  if (s.view === 'list') return listKey(s, input, key, ctx);
  return scrollKey(s, input, key, ctx);
}

function selectedIndex(state: AppState, ctx: KeyContext): number {
  const index = ctx.visible.findIndex((t) => t.id === state.selectedId);
  return Math.max(index, 0);
}

/** The selected token, or the first visible one. */
export function selectedToken(state: AppState, visible: readonly ReportToken[]): ReportToken | undefined {
  return visible.find((t) => t.id === state.selectedId) ?? visible[0];
}

function listKey(s: AppState, input: string, key: KeyInput, ctx: KeyContext): Result {
  const index = selectedIndex(s, ctx);
  const current = ctx.visible[index];
  const page = Math.max(1, ctx.listRows - 1);
  let next = index;
  if (key.upArrow || input === 'k') next = index - 1;
  else if (key.downArrow || input === 'j') next = index + 1;
  else if (key.pageUp) next = index - page;
  else if (key.pageDown || input === ' ') next = index + page;
  else if (key.home || input === 'g') next = 0;
  else if (key.end || input === 'G') next = ctx.visible.length - 1;
  else if (key.return || key.rightArrow || input === 'l')
    return current ? { state: { ...s, view: 'detail', selectedId: current.id, scroll: 0 } } : { state: s };
  else if (input === 's') {
    const sort = SORT_MODES[(SORT_MODES.indexOf(s.sort) + 1) % SORT_MODES.length];
    return { state: { ...s, sort, listTop: 0, message: { text: `sorted by ${sort}` } } };
  } else if (key.escape && s.query) return { state: { ...s, query: '', listTop: 0, message: { text: 'filter cleared' } } };
  else return tokenAction(s, input, current);
  return { state: select(s, ctx, next) };
}

function select(s: AppState, ctx: KeyContext, index: number): AppState {
  if (!ctx.visible.length) return s;
  const clamped = Math.max(0, Math.min(ctx.visible.length - 1, index));
  return { ...s, selectedId: ctx.visible[clamped].id, listTop: keepVisible(s.listTop, clamped, ctx.listRows) };
}

/** Scrolls the list just enough to keep row `index` on screen. */
export function keepVisible(top: number, index: number, rows: number): number {
  if (index < top) return index;
  if (index >= top + rows) return index - rows + 1;
  return top;
}

function scrollKey(s: AppState, input: string, key: KeyInput, ctx: KeyContext): Result {
  const max = Math.max(0, ctx.viewLines - ctx.viewRows);
  const page = Math.max(1, ctx.viewRows - 1);
  let scroll = s.scroll;
  if (key.upArrow || input === 'k') scroll--;
  else if (key.downArrow || input === 'j') scroll++;
  else if (key.pageUp || input === 'b') scroll -= page;
  else if (key.pageDown || input === ' ') scroll += page;
  else if (key.home || input === 'g') scroll = 0;
  else if (key.end || input === 'G') scroll = max;
  else if (key.escape || key.leftArrow || key.backspace || key.delete || input === 'h') return { state: { ...s, view: 'list', scroll: 0 } };
  else if (s.view === 'detail' && (input === 'n' || input === 'p')) {
    const moved = select(s, ctx, selectedIndex(s, ctx) + (input === 'n' ? 1 : -1));
    return { state: { ...moved, scroll: 0 } };
  } else if (s.view === 'detail')
    return tokenAction(
      s,
      input,
      ctx.visible.find((t) => t.id === s.selectedId),
    );
  else return { state: s };
  return { state: { ...s, scroll: Math.max(0, Math.min(max, scroll)) } };
}

function tokenAction(s: AppState, input: string, token: ReportToken | undefined): Result {
  if (!token || (input !== 'a' && input !== 'o')) return { state: s };
  if (input === 'o') return { state: s, effect: { kind: 'open', tokenId: token.id } };
  if (s.accepted.includes(token.id)) return { state: { ...s, message: { text: `${token.provider} ${token.redacted} is already in the baseline` } } };
  return { state: { ...s, prompt: { kind: 'confirm-accept', tokenId: token.id } } };
}

function handlePrompt(s: AppState, prompt: NonNullable<Prompt>, input: string, key: KeyInput): Result {
  const done = { ...s, prompt: null };
  if (prompt.kind === 'confirm-accept') {
    if (input === 'y' || input === 'Y') return { state: done, effect: { kind: 'accept', tokenId: prompt.tokenId } };
    return { state: { ...done, message: { text: 'not accepted' } } };
  }
  if (prompt.kind === 'export') {
    if (input === 'j') return { state: done, effect: { kind: 'export', format: 'json' } };
    if (input === 'm') return { state: done, effect: { kind: 'export', format: 'markdown' } };
    return { state: { ...done, message: { text: 'export cancelled' } } };
  }
  // Filter: the list follows every key stroke; enter keeps the query, escape restores the previous one.
  if (key.return) return { state: { ...done, listTop: 0 } };
  if (key.escape) return { state: { ...done, query: prompt.previous, listTop: 0 } };
  if (key.backspace || key.delete) return { state: { ...s, query: s.query.slice(0, -1), listTop: 0 } };
  if (key.ctrl && input === 'u') return { state: { ...s, query: '', listTop: 0 } };
  if (input && !key.ctrl && !key.meta && !key.tab && !/[\u0000-\u001f]/.test(input)) return { state: { ...s, query: s.query + input, listTop: 0 } };
  return { state: s };
}
