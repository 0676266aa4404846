import { assessWorkspace } from '../assess/workspace.js';
import type { Severity, VerificationStatus } from '../core/types.js';
import { locationPath, possibleSeverity, severityRank, sortTokens, tokenSeverity } from '../report/format.js';
import type { Report, ReportToken } from '../report/model.js';

/** One repository's report, under the name the organisation knows it by (owner/repo). */
export interface NamedReport {
  name: string;
  report: Report;
}

/** The organisation's view over many repositories' reports (`blastradius merge`). */
export interface Organisation {
  /** Worst first: proven severity, then possible, then name. */
  repositories: { name: string; severity: Severity; possibleSeverity: Severity; tokens: number; critical: number; files: number }[];
  /** Tokens found in more than one repository (same id): one secret, many places to leak from. */
  sharedTokens: { id: string; provider: string; redacted: string; repositories: string[] }[];
}

const STATUS_ORDER: readonly VerificationStatus[] = ['live', 'invalid', 'canary', 'error', 'unverified'];

/**
 * Pure: many repositories' reports → one organisation report. A token found in several
 * repositories is one token (same id) with every location, prefixed by its repository; its
 * verdict is the worst one any repository's classes gave it (a provider's best answer first: live
 * over invalid over error over unverified). The organisation verdict is the union of all tokens:
 * whoever can read all these repositories (an org-wide CI token, an agent with org access) holds
 * them all at once. In a two-pass audit (`merge --assign`, `scan --verify-ids`) a token is verified
 * in one repository's job and left to it elsewhere: the answer it got there is the answer
 * everywhere, in the organisation verdict and in each repository's own line.
 */
export function mergeReports(inputs: readonly NamedReport[], version: string): Report {
  const { byId, seenIn } = mergeTokens(inputs);
  let files = 0;
  let bytes = 0;
  let durationMs = 0;
  const warnings: string[] = [];
  for (const { name, report } of inputs) {
    files += report.scan.files;
    bytes += report.scan.bytes;
    durationMs = Math.max(durationMs, report.scan.durationMs);
    warnings.push(...(report.scan.warnings ?? []).map((w) => `${name}: ${w}`));
  }
  const tokens = sortTokens([...byId.values()]);
  const repositories = inputs
    .map(({ name, report }) => {
      const { tokens: own, workspace } = adopted(report, byId);
      return {
        name,
        severity: workspace?.severity ?? 'info',
        possibleSeverity: workspace?.possible?.severity ?? workspace?.severity ?? 'info',
        tokens: own.length,
        critical: own.filter((t) => tokenSeverity(t) === 'critical').length,
        files: report.scan.files,
      };
    })
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        severityRank(a.possibleSeverity) - severityRank(b.possibleSeverity) ||
        b.critical - a.critical ||
        a.name.localeCompare(b.name),
    );
  const sharedTokens = tokens
    .filter((t) => (seenIn.get(t.id)?.size ?? 0) > 1)
    .map((t) => ({ id: t.id, provider: t.provider, redacted: t.redacted, repositories: [...seenIn.get(t.id)!].sort() }));
  return {
    schemaVersion: 1,
    tool: { name: 'blastradius', version },
    scan: {
      roots: inputs.map((i) => i.name),
      files,
      bytes,
      skipped: [],
      durationMs,
      errors: inputs.flatMap(({ name, report }) => report.scan.errors.map((e) => ({ file: `${name}/${e.file}`, message: e.message }))),
      partial: inputs.flatMap(({ name, report }) => report.scan.partial.map((p) => ({ file: `${name}/${p.file}`, reason: p.reason }))),
      suppressed: {
        inline: inputs.reduce((n, i) => n + i.report.scan.suppressed.inline, 0),
        baseline: inputs.reduce((n, i) => n + i.report.scan.suppressed.baseline, 0),
      },
      offline: inputs.every((i) => i.report.scan.offline),
      warnings,
    },
    workspace: assessWorkspace(tokens),
    tokens,
    organisation: { repositories, sharedTokens },
  };
}

/**
 * Each report as its own repository should see it after the merge: a token another report's job
 * verified (scan --verify-ids) carries that answer, and the report's verdict is taken again over
 * its tokens. What the organisation audit uploads to each repository's code scanning (`merge
 * --sarif-dir`): the second pass's own SARIF would show a token verified elsewhere as unverified.
 */
export function repositoryReports(inputs: readonly NamedReport[]): NamedReport[] {
  const { byId } = mergeTokens(inputs);
  return inputs.map(({ name, report }) => {
    const { tokens, workspace } = adopted(report, byId);
    return { name, report: tokens === report.tokens ? report : { ...report, tokens, workspace } };
  });
}

/**
 * Every distinct token (same id) once, with every location prefixed by its repository, keeping
 * the best answer any report has for it; and the repositories each id was seen in.
 */
function mergeTokens(inputs: readonly NamedReport[]): { byId: Map<string, ReportToken>; seenIn: Map<string, Set<string>> } {
  const byId = new Map<string, ReportToken>();
  const seenIn = new Map<string, Set<string>>();
  for (const { name, report } of inputs) {
    for (const token of report.tokens) {
      const locations = token.locations.map((l) => ({ ...l, root: name, path: `${name}/${locationPath(l)}` }));
      (seenIn.get(token.id) ?? seenIn.set(token.id, new Set()).get(token.id)!).add(name);
      const existing = byId.get(token.id);
      if (!existing) {
        byId.set(token.id, { ...token, locations });
        continue;
      }
      const better = worse(token, existing) ? token : existing;
      byId.set(token.id, { ...better, locations: [...existing.locations, ...locations] });
    }
  }
  for (const [id, token] of byId) if (token.verification.verifiedIn) byId.set(id, unanswered(token));
  return { byId, seenIn };
}

/** A report's own tokens with the answers other reports' jobs gave (unchanged when it left none to them), and its verdict over them. */
function adopted(report: Report, byId: ReadonlyMap<string, ReportToken>): { tokens: ReportToken[]; workspace: Report['workspace'] } {
  if (!report.tokens.some((t) => t.verification.verifiedIn)) return { tokens: report.tokens, workspace: report.workspace };
  const tokens = report.tokens.map((t) => (t.verification.verifiedIn ? answerOf(t, byId.get(t.id)!) : t));
  return { tokens, workspace: assessWorkspace(tokens) };
}

/** Is `a` the better verdict to keep than `b`: a more decisive answer, one this report gave itself, then a worse blast radius? */
function worse(a: ReportToken, b: ReportToken): boolean {
  const status = STATUS_ORDER.indexOf(a.verification.status) - STATUS_ORDER.indexOf(b.verification.status);
  if (status !== 0) return status < 0;
  const deferred = Boolean(a.verification.verifiedIn) !== Boolean(b.verification.verifiedIn);
  if (deferred) return !a.verification.verifiedIn;
  const proven = severityRank(tokenSeverity(a)) - severityRank(tokenSeverity(b));
  if (proven !== 0) return proven < 0;
  return severityRank(possibleSeverity(a)) < severityRank(possibleSeverity(b));
}

/** `token` as this repository holds it (its own locations), with the verifying report's answer and blast radius. */
function answerOf(token: ReportToken, verified: ReportToken): ReportToken {
  const { verification, identity, grants, resources, protections, unknowns, notes, blastRadius } = verified;
  return { ...token, verification, identity, grants, resources, protections, unknowns, notes, blastRadius };
}

/** Every report left the token to another whose answer is missing (its second-pass job failed, or no longer found it): say so. */
function unanswered(token: ReportToken): ReportToken {
  const where = token.verification.verifiedIn;
  return {
    ...token,
    verification: {
      ...token.verification,
      detail: `assigned for verification to the scan of ${where}, whose report has no answer for it (its job failed, or its second pass did not find it): not verified`,
    },
  };
}
