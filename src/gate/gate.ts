import type { FailOn, ProjectConfig } from '../config/config.js';
import { severityRank, tokenSeverity } from '../report/format.js';
import type { Report, ReportToken } from '../report/model.js';

export interface GatePolicy {
  failOn: FailOn;
  workspace: boolean;
  unverified: 'warn' | 'fail';
}

export interface GateVerdict {
  failed: boolean;
  /** Tokens that fail the gate, each with why. */
  failing: { token: ReportToken; reason: string }[];
  /** Tokens that could not be verified (reported; failing only with --unverified fail). */
  unverified: ReportToken[];
  workspaceFailed: boolean;
  summary: string;
}

export function gatePolicy(config: ProjectConfig, overrides: Partial<GatePolicy>): GatePolicy {
  return { ...config.gate, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
}

/** Pure: does this report pass the CI gate? */
export function evaluateGate(report: Report, policy: GatePolicy): GateVerdict {
  const failing: GateVerdict['failing'] = [];
  const unverified = report.tokens.filter((t) => t.verification.status === 'unverified' || t.verification.status === 'error');
  for (const token of report.tokens) {
    const severity = tokenSeverity(token);
    if (policy.failOn === 'any-secret') failing.push({ token, reason: 'any secret fails the gate (failOn: any-secret)' });
    else if (severityRank(severity) <= severityRank(policy.failOn)) failing.push({ token, reason: `${severity} ≥ ${policy.failOn}` });
    else if (policy.unverified === 'fail' && unverified.includes(token)) failing.push({ token, reason: `not verified (${token.verification.status}) and --unverified fail` });
  }
  const ws = report.workspace;
  const workspaceFailed =
    policy.workspace && policy.failOn !== 'any-secret' && ws !== null && report.tokens.length > 0 && severityRank(ws.severity) <= severityRank(policy.failOn);
  const failed = failing.length > 0 || workspaceFailed;
  const parts = [failed ? 'gate FAILED' : 'gate passed', `(fail on ${policy.failOn}${policy.workspace ? ', workspace verdict included' : ''})`];
  if (failing.length) parts.push(`${failing.length} token(s) at or above the threshold`);
  if (workspaceFailed) parts.push(`workspace verdict ${ws!.severity}`);
  if (unverified.length) parts.push(`${unverified.length} token(s) not verified (${policy.unverified})`);
  return { failed, failing, unverified, workspaceFailed, summary: parts.join(' — ') };
}
