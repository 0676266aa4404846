import type { FailOn, ProjectConfig } from '../config/config.js';
import type { Severity } from '../core/types.js';
import { openQuestionText, possibleSeverity, severityRank, tokenSeverity } from '../report/format.js';
import type { Report, ReportToken } from '../report/model.js';
import type { AddedSuppression } from '../review/suppressions.js';

export interface GatePolicy {
  failOn: FailOn;
  workspace: boolean;
  unverified: 'warn' | 'fail';
  /** Live tokens whose possible bound (given what could not be read) reaches the threshold. */
  possible: 'warn' | 'fail';
  /** Files that could not be read or were read only in part. */
  incomplete: 'warn' | 'fail';
  /** Suppressions a change adds to itself (`ci --base`). */
  newSuppressions: 'warn' | 'fail';
}

export interface GateVerdict {
  failed: boolean;
  /** Tokens that fail the gate, each with why. */
  failing: { token: ReportToken; reason: string }[];
  /** `ci --base`: tokens already at the base (no location on a line the change adds): listed, not gated one by one. */
  preExisting: ReportToken[];
  /** Tokens that could not be verified (reported; failing only with --unverified fail). */
  unverified: ReportToken[];
  /** Live tokens below the threshold that could reach it given what could not be read. */
  possibly: { token: ReportToken; reason: string }[];
  workspaceFailed: boolean;
  /** What the scan could not read (errors and partial files); failing under incomplete: fail. */
  incomplete: { file: string; reason: string }[];
  incompleteFailed: boolean;
  /** Suppressions the change under review adds to itself; failing under newSuppressions: fail. */
  newSuppressions: AddedSuppression[];
  suppressionsFailed: boolean;
  summary: string;
}

export function gatePolicy(config: ProjectConfig, overrides: Partial<GatePolicy>): GatePolicy {
  return { ...config.gate, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
}

/** Pure: does this report pass the CI gate? */
export function evaluateGate(report: Report, policy: GatePolicy): GateVerdict {
  const failing: GateVerdict['failing'] = [];
  const possibly: GateVerdict['possibly'] = [];
  // Under `ci --base` the change answers for the tokens it adds; the workspace verdict below still covers every token.
  const preExisting = report.tokens.filter((t) => t.introduced === false);
  const judged = report.tokens.filter((t) => t.introduced !== false);
  const unverified = judged.filter((t) => t.verification.status === 'unverified' || t.verification.status === 'error');
  const reaches = (severity: Severity) => policy.failOn !== 'any-secret' && severityRank(severity) <= severityRank(policy.failOn);
  for (const token of judged) {
    const severity = tokenSeverity(token);
    const possible = possibleSeverity(token);
    if (policy.failOn === 'any-secret') failing.push({ token, reason: 'any secret fails the gate (failOn: any-secret)' });
    else if (reaches(severity)) failing.push({ token, reason: `${severity} ≥ ${policy.failOn}` });
    else if (token.verification.status === 'live' && reaches(possible)) {
      const entry = { token, reason: `possibly ${possible} ≥ ${policy.failOn}: ${openQuestionText(token.blastRadius!.possible)}` };
      possibly.push(entry);
      if (policy.possible === 'fail') failing.push(entry);
    } else if (policy.unverified === 'fail' && unverified.includes(token))
      failing.push({ token, reason: `not verified (${token.verification.status}) and --unverified fail` });
  }
  const ws = report.workspace;
  const gateWorkspace = policy.workspace && ws !== null && report.tokens.length > 0;
  const workspaceProven = gateWorkspace && reaches(ws!.severity);
  const workspacePossibly = gateWorkspace && !workspaceProven && reaches(ws!.possible.severity);
  const workspaceFailed = workspaceProven || (workspacePossibly && policy.possible === 'fail');
  const incomplete = [...report.scan.errors.map((e) => ({ file: e.file, reason: e.message })), ...report.scan.partial];
  const incompleteFailed = incomplete.length > 0 && policy.incomplete === 'fail';
  const newSuppressions = report.review?.suppressionsAdded ?? [];
  const suppressionsFailed = newSuppressions.length > 0 && policy.newSuppressions === 'fail';
  const failed = failing.length > 0 || workspaceFailed || incompleteFailed || suppressionsFailed;
  const parts = [
    failed ? 'gate FAILED' : 'gate passed',
    `(fail on ${policy.failOn}${policy.workspace ? ', workspace verdict included' : ''}, possible bound: ${policy.possible})`,
  ];
  const provenFailing = failing.filter((f) => !possibly.includes(f)).length;
  if (provenFailing) parts.push(`${provenFailing} token(s) at or above the threshold`);
  if (possibly.length) parts.push(`${possibly.length} live token(s) possibly at or above it (${policy.possible})`);
  if (workspaceProven) parts.push(`workspace verdict ${ws!.severity}`);
  else if (workspacePossibly) parts.push(`workspace possibly ${ws!.possible.severity} (${policy.possible})`);
  if (unverified.length) parts.push(`${unverified.length} token(s) not verified (${policy.unverified})`);
  if (preExisting.length) parts.push(`${preExisting.length} pre-existing token(s) not on a line this change adds: listed, not gated one by one`);
  if (incomplete.length)
    parts.push(`scan incomplete: ${incomplete.length} file(s) not fully read, e.g. ${incomplete[0].file}: ${incomplete[0].reason} (${policy.incomplete})`);
  if (newSuppressions.length) parts.push(`${newSuppressions.length} suppression(s) added by this change, not applied (${policy.newSuppressions})`);
  if (report.review) parts.push(`judged by ${report.review.base.ref} (${report.review.base.commit.slice(0, 12)})`);
  return {
    failed,
    failing,
    possibly,
    preExisting,
    unverified,
    workspaceFailed,
    incomplete,
    incompleteFailed,
    newSuppressions,
    suppressionsFailed,
    summary: parts.join(' — '),
  };
}
