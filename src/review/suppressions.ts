import type { Baseline } from '../baseline/baseline.js';
import type { FailOn, ProjectConfig } from '../config/config.js';
import type { Token } from '../core/types.js';
import { type AddedLines, isAdded } from './added-lines.js';

/** A suppression the change under review adds to itself: listed in every format, never applied to the change. */
export interface AddedSuppression {
  kind: 'inline-allow' | 'baseline-entry' | 'reclassified' | 'gate-relaxed' | 'path-excluded';
  /** Repository path of the file that adds it, and its line when known. */
  file: string;
  line?: number;
  detail: string;
  tokenId?: string;
}

/**
 * Inline `blastradius:allow` comments the change did not add are honoured: those locations go,
 * and a token left with none is suppressed. Comments the change adds are listed and NOT honoured:
 * the token stays in the report, judged by the base's gate.
 */
export function reviewInlineAllows(tokens: readonly Token[], added: AddedLines): { tokens: Token[]; suppressed: number; additions: AddedSuppression[] } {
  const kept: Token[] = [];
  const additions: AddedSuppression[] = [];
  let suppressed = 0;
  for (const token of tokens) {
    const locations = token.locations.filter((l) => {
      if (!l.allowed) return true;
      const path = l.path ?? l.file;
      if (!isAdded(added, path, l.line)) return false;
      additions.push({
        kind: 'inline-allow',
        file: path,
        line: l.line,
        detail: `blastradius:allow for ${token.provider} ${token.redacted}, added by this change: not applied`,
        tokenId: token.id,
      });
      return true;
    });
    for (const l of locations) delete l.allowed;
    if (locations.length === 0) suppressed++;
    else kept.push({ ...token, locations });
  }
  return { tokens: kept, suppressed, additions };
}

/** Baseline entries the head has and the base does not. */
export function baselineAdditions(head: Baseline | undefined, headText: string, base: Baseline | undefined, file: string): AddedSuppression[] {
  if (!head) return [];
  const known = new Set((base?.tokens ?? []).map((t) => t.id));
  return head.tokens
    .filter((t) => !known.has(t.id))
    .map((t) => ({
      kind: 'baseline-entry' as const,
      file,
      line: lineOf(headText, t.id),
      detail: `baseline entry for ${t.ruleId} ${t.redacted} added by this change: not applied`,
      tokenId: t.id,
    }));
}

const FAIL_ORDER: readonly FailOn[] = ['any-secret', 'low', 'medium', 'high', 'critical'];

/** What the head's blastradius.yaml loosens compared with the base's: classes taken away, settings relaxed, paths hidden. */
export function configRelaxations(head: ProjectConfig, headText: string, base: ProjectConfig, file: string): AddedSuppression[] {
  const out: AddedSuppression[] = [];
  const at = (needle: string) => lineOf(headText, needle);
  for (const side of ['production', 'backup'] as const) {
    for (const glob of base.resources[side].filter((g) => !head.resources[side].includes(g))) {
      out.push({ kind: 'reclassified', file, detail: `resources.${side} no longer lists "${glob}": not applied` });
    }
  }
  for (const side of ['other', 'backupsElsewhere'] as const) {
    for (const glob of head.resources[side].filter((g) => !base.resources[side].includes(g))) {
      out.push({ kind: 'reclassified', file, line: at(glob), detail: `resources.${side} adds "${glob}": not applied` });
    }
  }
  for (const glob of head.paths.exclude.filter((g) => !base.paths.exclude.includes(g))) {
    out.push({ kind: 'path-excluded', file, line: at(glob), detail: `paths.exclude adds "${glob}": not applied` });
  }
  if (FAIL_ORDER.indexOf(head.gate.failOn) > FAIL_ORDER.indexOf(base.gate.failOn)) {
    out.push({ kind: 'gate-relaxed', file, line: at('failOn'), detail: `gate.failOn ${base.gate.failOn} → ${head.gate.failOn}: not applied` });
  }
  if (base.gate.workspace && !head.gate.workspace)
    out.push({ kind: 'gate-relaxed', file, line: at('workspace'), detail: 'gate.workspace true → false: not applied' });
  for (const key of ['unverified', 'possible', 'incomplete', 'newSuppressions'] as const) {
    if (base.gate[key] === 'fail' && head.gate[key] === 'warn')
      out.push({ kind: 'gate-relaxed', file, line: at(key), detail: `gate.${key} fail → warn: not applied` });
  }
  return out;
}

function lineOf(text: string, needle: string): number | undefined {
  const index = text.indexOf(needle);
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
}
