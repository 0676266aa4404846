import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError, errorMessage, fileProblem } from '../core/errors.js';
import type { ReachLevel, Severity } from '../core/types.js';
import type { ReportToken } from '../report/model.js';

/** An accepted token: its id (a hash, never the secret) and the reach it had when accepted. */
export interface BaselineEntry {
  id: string;
  ruleId: string;
  redacted: string;
  acceptedAt: string;
  reach?: { production: ReachLevel; backup: ReachLevel; severity: Severity };
}

export interface Baseline {
  version: 1;
  tokens: BaselineEntry[];
}

export const DEFAULT_BASELINE = '.blastradius-baseline.json';

export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`baseline ${path}: ${fileProblem(error)}`, 'create one with `blastradius baseline`');
  }
  return parseBaseline(text, path);
}

/** Parses a baseline already read (from a file, or from a commit with `git show`). */
export function parseBaseline(text: string, source: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`baseline ${source}: not JSON (${errorMessage(error)})`, 'create one with `blastradius baseline`');
  }
  const tokens = (doc as Baseline | null)?.tokens;
  if (!Array.isArray(tokens) || !tokens.every((t) => typeof t?.id === 'string' && /^[0-9a-f]{64}$/.test(t.id))) {
    throw new ConfigError(`baseline ${source}: expected {"version": 1, "tokens": [{"id": "<sha256>", ...}]}`);
  }
  return { version: 1, tokens };
}

export function baselineFromReport(tokens: readonly ReportToken[], existing?: Baseline, now = new Date()): Baseline {
  const byId = new Map((existing?.tokens ?? []).map((t) => [t.id, t]));
  for (const token of tokens) {
    const br = token.blastRadius;
    byId.set(token.id, {
      id: token.id,
      ruleId: token.ruleId,
      redacted: token.redacted,
      acceptedAt: now.toISOString(),
      ...(br ? { reach: { production: br.production, backup: br.backup, severity: br.severity } } : {}),
    });
  }
  return { version: 1, tokens: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  try {
    writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new ConfigError(`baseline ${path}: cannot write it: ${fileProblem(error)}`);
  }
}

const LEVELS: ReachLevel[] = ['none', 'read', 'write', 'destroy'];
const SEVERITIES: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/**
 * Splits tokens into those the baseline accepts and those to report. A baselined token that
 * comes back with more reach than when it was accepted is reported again, marked `changed`.
 */
export function applyBaseline(tokens: readonly ReportToken[], baseline: Baseline | undefined): { report: ReportToken[]; suppressed: number } {
  if (!baseline) return { report: [...tokens], suppressed: 0 };
  const byId = new Map(baseline.tokens.map((t) => [t.id, t]));
  const report: ReportToken[] = [];
  let suppressed = 0;
  for (const token of tokens) {
    const entry = byId.get(token.id);
    if (!entry) {
      report.push(token);
      continue;
    }
    const now = token.blastRadius;
    const was = entry.reach;
    if (now && was && grew(was, now)) {
      report.push({ ...token, baseline: { status: 'changed', previous: { ...was } } });
    } else {
      suppressed++;
    }
  }
  return { report, suppressed };
}

function grew(was: NonNullable<BaselineEntry['reach']>, now: { production: ReachLevel; backup: ReachLevel; severity: Severity }): boolean {
  return (
    LEVELS.indexOf(now.production) > LEVELS.indexOf(was.production) ||
    LEVELS.indexOf(now.backup) > LEVELS.indexOf(was.backup) ||
    SEVERITIES.indexOf(now.severity) > SEVERITIES.indexOf(was.severity)
  );
}
