import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, UsageError, errorMessage, fileProblem } from '../core/errors.js';
import type { NamedReport } from './merge.js';

/**
 * Which tokens one report's scan verifies, in an organisation's audit run in two passes: every
 * repository scanned offline first; then each distinct token id assigned to exactly one report
 * that holds it; then each repository scanned again verifying only the ids assigned to it
 * (`scan --verify-ids FILE`). Reports carry ids, never secrets, so only a job that has the
 * repository checked out can verify: the plan says which job. `blastradius merge` then gives every
 * repository holding the id the verifying report's answer.
 */
export interface VerificationPlan {
  kind: 'blastradius-verification-plan';
  version: 1;
  /** The report (as `merge` names it: owner/repo/worktree) whose scan this plan drives. */
  report: string;
  /** Ids this scan verifies. */
  verify: string[];
  /** Ids this scan holds that another report's scan verifies: id → that report's name. */
  elsewhere: Record<string, string>;
}

/**
 * Pure: one plan per report. Each id goes to the first report, by name, that holds it (a stable
 * choice: the same inputs give the same plan). An id a second-pass scan finds that is in neither
 * list (new since the first pass, or a keyed id computed with another key) is verified where it is
 * found: an unknown assignment never leaves a token unasked.
 */
export function assignVerification(inputs: readonly NamedReport[]): VerificationPlan[] {
  const sorted = [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const verifier = new Map<string, string>();
  for (const { name, report } of sorted) for (const token of report.tokens) if (!verifier.has(token.id)) verifier.set(token.id, name);
  return sorted.map(({ name, report }) => {
    const verify: string[] = [];
    const elsewhere: Record<string, string> = {};
    for (const id of new Set(report.tokens.map((t) => t.id))) {
      const owner = verifier.get(id)!;
      if (owner === name) verify.push(id);
      else elsewhere[id] = owner;
    }
    return { kind: 'blastradius-verification-plan', version: 1, report: name, verify, elsewhere };
  });
}

/** Writes `DIR/<report name>.json` for each plan (owner/repo/worktree → DIR/owner/repo/worktree.json). */
export function writeVerificationPlans(dir: string, plans: readonly VerificationPlan[]): void {
  for (const plan of plans) writeUnderName(dir, plan.report, '.json', `${JSON.stringify(plan, null, 2)}\n`, 'merge --assign');
}

/** Writes `DIR/<report name><extension>`: a report's name (owner/repo/worktree) is a path under DIR, never out of it. */
export function writeUnderName(dir: string, name: string, extension: string, text: string, flag: string): void {
  const segments = name.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\')))
    throw new UsageError(`${flag}: the report name "${name}" cannot be a file name under ${dir} (name it: NAME=FILE)`);
  const path = `${join(dir, ...segments)}${extension}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`${flag}: cannot write ${path}: ${fileProblem(error)}`);
  }
}

const PLAN_HINT = 'write plans with `blastradius merge REPORTS --assign DIR` over the offline first-pass reports';

/** Reads a plan for `scan --verify-ids FILE`; a file that is not one is a configuration error (exit 2). */
export function readVerificationPlan(path: string, label: string): VerificationPlan {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`--verify-ids ${label}: ${code ? fileProblem(error) : `not JSON (${errorMessage(error)})`}`, PLAN_HINT);
  }
  const plan = doc as Partial<VerificationPlan> | null;
  const ids = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const map = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
  if (plan?.kind !== 'blastradius-verification-plan' || plan.version !== 1 || typeof plan.report !== 'string' || !ids(plan.verify) || !map(plan.elsewhere))
    throw new ConfigError(`--verify-ids ${label}: not a blastradius verification plan (version 1)`, PLAN_HINT);
  return plan as VerificationPlan;
}
