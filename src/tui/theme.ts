import type { Severity } from '../core/types.js';

/** What a piece of text means; the theme decides how (or whether) that shows as colour. */
export type Tone = Severity | 'accent' | 'muted' | 'ok' | 'warn' | 'title';

/** The subset of Ink's <Text> props a tone maps to. */
export interface ToneStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
}

const COLORED: Record<Tone, ToneStyle> = {
  critical: { color: 'white', backgroundColor: 'red', bold: true },
  high: { color: 'red', bold: true },
  medium: { color: 'yellow' },
  low: { color: 'blue' },
  info: { color: 'gray' },
  accent: { color: 'cyan' },
  muted: { dimColor: true },
  ok: { color: 'green' },
  warn: { color: 'yellow' },
  title: { bold: true },
};

/**
 * NO_COLOR (https://no-color.org) means no colour at all: severities still read through their
 * symbol and upper-case label, and emphasis keeps bold only where it carries meaning.
 */
const PLAIN: Record<Tone, ToneStyle> = {
  critical: { bold: true },
  high: { bold: true },
  medium: {},
  low: {},
  info: {},
  accent: {},
  muted: {},
  ok: {},
  warn: {},
  title: { bold: true },
};

export function toneStyle(tone: Tone | undefined, color: boolean): ToneStyle {
  if (!tone) return {};
  return (color ? COLORED : PLAIN)[tone];
}

/** Colour unless NO_COLOR is set (any non-empty value) or --no-color was given; FORCE_COLOR=0 also turns it off. */
export function colorEnabled(env: NodeJS.ProcessEnv, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.FORCE_COLOR !== '0';
}
