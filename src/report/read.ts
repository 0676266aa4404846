import { readFileSync } from 'node:fs';
import type { BlastRadius } from '../assess/types.js';
import { ConfigError, errorMessage, fileProblem } from '../core/errors.js';
import type { Report, ReportToken } from './model.js';

const REPORT_HINT = 'write one with `blastradius scan --format json -o report.json`';

/** Light validation of a saved JSON report: the schema version, and the fields the UI reads. */
export function readSavedReport(path: string, label: string, flag = '--report'): Report {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${flag} ${label}: ${code ? fileProblem(error) : `not JSON (${errorMessage(error)})`}`, REPORT_HINT);
  }
  const report = doc as Partial<Report> | null;
  if (typeof report !== 'object' || report === null || Array.isArray(report) || report.schemaVersion === undefined) {
    throw new ConfigError(`${flag} ${label}: not a blastradius JSON report (no schemaVersion)`, REPORT_HINT);
  }
  if (report.schemaVersion !== 1)
    throw new ConfigError(
      `${flag} ${label}: schemaVersion ${JSON.stringify(report.schemaVersion)} is not supported (expected 1)`,
      'upgrade blastradius, or re-run the scan with this version',
    );
  const tokens = report.tokens;
  const bad = Array.isArray(tokens) ? tokens.findIndex((t) => !wellFormed(t)) : 0;
  if (bad >= 0 || typeof report.scan !== 'object' || report.scan === null) {
    throw new ConfigError(`${flag} ${label}: schemaVersion 1 but ${bad >= 0 ? `tokens[${bad}]` : '"scan"'} is malformed`, REPORT_HINT);
  }
  const ws = report.workspace;
  const workspace = ws
    ? {
        ...ws,
        possible: ws.possible ?? {
          production: ws.production,
          backup: ws.backup,
          shared: ws.shared,
          severity: ws.severity,
          summary: ws.summary,
          tokens: ws.tokens,
        },
      }
    : null;
  return { ...(report as Report), workspace, tokens: tokens!.map(normalised) };
}

function wellFormed(t: unknown): boolean {
  const token = t as Partial<ReportToken> | null;
  return (
    typeof token === 'object' &&
    token !== null &&
    typeof token.id === 'string' &&
    typeof token.provider === 'string' &&
    typeof token.redacted === 'string' &&
    Array.isArray(token.locations) &&
    typeof token.verification?.status === 'string'
  );
}

/** Optional arrays default to empty, so a hand-edited report cannot crash the detail pane. */
function normalised(t: ReportToken): ReportToken {
  const b = t.blastRadius;
  // Reports written before the possible bound existed: it equals the proven one.
  const saved = b?.possible as Partial<BlastRadius['possible']> | undefined;
  const possible =
    b &&
    (saved
      ? { ...b.possible, because: saved.because ?? [], paths: saved.paths ?? [] }
      : { production: b.production, backup: b.backup, shared: b.shared, severity: b.severity, because: [], paths: [] });
  const br = b && possible ? { ...b, paths: b.paths ?? [], protections: b.protections ?? [], recommendations: b.recommendations ?? [], possible } : null;
  return {
    ...t,
    ruleId: t.ruleId ?? t.provider,
    kind: t.kind ?? '',
    identity: t.identity ?? null,
    grants: t.grants ?? [],
    resources: t.resources ?? [],
    protections: t.protections ?? [],
    unknowns: t.unknowns ?? [],
    notes: t.notes ?? [],
    blastRadius: br,
  };
}
