import type { BlastRadius, WorkspaceVerdict } from '../assess/types.js';
import type { Grant, Identity, Location, Protection, Resource, Token, Unknown, Verification, VerificationResult } from '../core/types.js';
import type { Organisation } from '../merge/merge.js';
import type { AddedSuppression } from '../review/suppressions.js';
import type { ScanResult } from '../scan/result.js';

export const SCHEMA_VERSION = 1;

/** One token as every output format sees it. Never holds the secret: only its hash and redacted form. */
export interface ReportToken {
  id: string;
  /** sha256: plain SHA-256 of a high-entropy secret; keyed: HMAC of a guessable one (portable only with the same BLASTRADIUS_ID_KEY). */
  idKind?: 'sha256' | 'keyed';
  ruleId: string;
  provider: string;
  kind: string;
  redacted: string;
  locations: Location[];
  verification: Verification;
  identity: Identity | null;
  grants: Grant[];
  resources: Resource[];
  protections: Protection[];
  unknowns: Unknown[];
  notes: string[];
  blastRadius: BlastRadius | null;
  /**
   * `ci --base` only: true when one of its locations is on a line the change adds (the per-token
   * gate judges it); false when every location was already at the base (listed, not gated token by
   * token; the workspace verdict still counts it).
   */
  introduced?: boolean;
  /** Set when the token is in the baseline but came back with more reach. */
  baseline?: { status: 'changed'; previous: { production: string; backup: string; severity: string } };
}

/** The report model: what `--format json` serialises and what every other format and the TUI read. */
export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'blastradius'; version: string };
  scan: {
    roots: string[];
    files: number;
    bytes: number;
    skipped: { file: string; reason: string }[];
    durationMs: number;
    errors: { file: string; message: string }[];
    /** Files scanned only in part (per-file time budget). */
    partial: { file: string; reason: string }[];
    suppressed: { inline: number; baseline: number };
    offline: boolean;
    /** Absolute path that every location's `path` is relative to: the repository holding the first root. */
    base?: string;
    /** What the scan ignored on purpose and the user should know (a workspace config key it may not set). */
    warnings: string[];
    /** The project config's `paths.exclude` globs and how many distinct files they left out (absent without any). */
    excluded?: { patterns: string[]; files: number };
  };
  workspace: WorkspaceVerdict | null;
  tokens: ReportToken[];
  /** `ci --base`: the revision that judged the change, and the suppressions the change adds to itself (listed, not applied). */
  review?: { base: { ref: string; commit: string }; suppressionsAdded: AddedSuppression[] };
  /** `blastradius merge`: the repositories behind this report, worst first, and the tokens several of them hold. */
  organisation?: Organisation;
}

export interface TokenAnalysis {
  verification?: VerificationResult & { endpoints?: string[]; cached?: boolean; verifiedIn?: string };
  blastRadius?: BlastRadius;
}

/** Pure: scan result + per-token analysis → report. */
export function buildReport(input: {
  version: string;
  scan: ScanResult;
  offline: boolean;
  analyses?: ReadonlyMap<string, TokenAnalysis>;
  workspace?: WorkspaceVerdict | null;
  baselineSuppressed?: number;
  changed?: ReadonlyMap<string, ReportToken['baseline']>;
  tokens?: readonly Token[];
  base?: string;
}): Report {
  const tokens = input.tokens ?? input.scan.tokens;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'blastradius', version: input.version },
    scan: {
      roots: input.scan.roots,
      files: input.scan.files,
      bytes: input.scan.bytes,
      skipped: input.scan.skipped,
      durationMs: input.scan.durationMs,
      errors: input.scan.errors,
      partial: input.scan.partial,
      suppressed: { inline: input.scan.allowedInline, baseline: input.baselineSuppressed ?? 0 },
      offline: input.offline,
      ...(input.base ? { base: input.base } : {}),
      warnings: [],
    },
    workspace: input.workspace ?? null,
    tokens: tokens.map((token) => reportToken(token, input.analyses?.get(token.id), input.changed?.get(token.id))),
  };
}

function reportToken(token: Token, analysis: TokenAnalysis | undefined, changed: ReportToken['baseline']): ReportToken {
  const v = analysis?.verification;
  const out: ReportToken = {
    id: token.id,
    idKind: token.idKind ?? 'sha256',
    ruleId: token.ruleId,
    provider: token.provider,
    kind: token.kind,
    redacted: token.redacted,
    locations: token.locations,
    verification: v
      ? {
          status: v.status,
          ...(v.detail ? { detail: v.detail } : {}),
          ...(v.endpoints?.length ? { endpoints: v.endpoints } : {}),
          ...(v.cached ? { cached: true } : {}),
          ...(v.verifiedIn ? { verifiedIn: v.verifiedIn } : {}),
        }
      : { status: 'unverified' },
    identity: v?.identity ?? null,
    grants: v?.grants ?? [],
    resources: v?.resources ?? [],
    protections: v?.protections ?? [],
    unknowns: v?.unknowns ?? [],
    notes: v?.notes ?? [],
    blastRadius: analysis?.blastRadius ?? null,
  };
  if (changed) out.baseline = changed;
  return out;
}
