/**
 * `blastradius merge` over an organisation's reports: 200 repositories' JSON reports drawn from a
 * pool of 60 distinct tokens (so most tokens sit in several repositories), merged by the CLI in
 * its own process. Goal: under 2 s. Run alone: node dist/bench/merge.js [--repos N] [--runs N].
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assessBlastRadius } from '../src/assess/assess.js';
import { assessWorkspace } from '../src/assess/workspace.js';
import { parseProjectConfig } from '../src/config/config.js';
import type { Grant } from '../src/core/types.js';
import { formatJson } from '../src/report/json.js';
import type { Report, ReportToken } from '../src/report/model.js';
import { measure, median } from './measure.js';

const bin = fileURLToPath(new URL('../src/bin/blastradius.js', import.meta.url));
const GOAL_MS = 2000;
const config = parseProjectConfig({ resources: { production: ['arn:aws:s3:::acme-prod-*'], backup: ['arn:aws:s3:::acme-backups*'] } }, 'bench');

function poolToken(n: number): ReportToken {
  const id = n.toString(16).padStart(64, '0');
  const grants: Grant[] = [
    {
      action: n % 5 === 0 ? 'destroy' : 'read',
      resource: n % 2 ? 'arn:aws:s3:::acme-prod-data' : 'arn:aws:s3:::acme-backups',
      evidence: 'policy / statement #1',
      operation: 's3:DeleteBucket',
    },
  ];
  const verification = {
    status: 'live' as const,
    identity: { principal: `arn:aws:iam::123456789012:user/u${n}` },
    grants,
    resources: [],
    protections: [],
    unknowns: [],
    notes: [],
  };
  const token = { id, provider: 'aws', ruleId: 'aws.access-key', kind: 'access-key', redacted: `AKIA…${String(n).padStart(4, '0')}` };
  return {
    ...token,
    idKind: 'sha256',
    locations: [{ file: '.env', line: 1, column: 1, path: '.env' }],
    verification: { status: 'live' },
    identity: verification.identity,
    grants,
    resources: [],
    protections: [],
    unknowns: [],
    notes: [],
    blastRadius: assessBlastRadius({ token, verification, config }),
  };
}

export async function runMergeBench(options: { repos?: number; runs?: number } = {}): Promise<void> {
  const repos = options.repos ?? 200;
  const dir = join(tmpdir(), `blastradius-bench-merge-${repos}`);
  rmSync(dir, { recursive: true, force: true });
  const pool = Array.from({ length: 60 }, (_, n) => poolToken(n));
  for (let r = 0; r < repos; r++) {
    const tokens = Array.from({ length: 8 }, (_, k) => pool[(r * 7 + k * 11) % pool.length]).filter((t, i, all) => all.indexOf(t) === i);
    const report: Report = {
      schemaVersion: 1,
      tool: { name: 'blastradius', version: 'bench' },
      scan: {
        roots: ['.'],
        files: 500,
        bytes: 5_000_000,
        skipped: [],
        durationMs: 1000,
        errors: [],
        partial: [],
        suppressed: { inline: 0, baseline: 0 },
        offline: false,
        warnings: [],
      },
      workspace: assessWorkspace(tokens),
      tokens,
    };
    mkdirSync(join(dir, 'acme', `repo-${r}`), { recursive: true });
    writeFileSync(join(dir, 'acme', `repo-${r}`, 'report.json'), formatJson(report));
  }
  const walls: number[] = [];
  let peak = 0;
  let shared = 0;
  for (let i = 0; i < (options.runs ?? 5); i++) {
    const m = await measure(process.execPath, [bin, 'merge', dir, '--format', 'json']);
    if (m.exitCode !== 0) throw new Error(`merge failed (${m.exitCode}): ${m.stderr}`);
    walls.push(m.wallMs);
    peak = Math.max(peak, m.peakRssMb);
    shared = (JSON.parse(m.stdout) as Report).organisation!.sharedTokens.length;
  }
  const wall = median(walls);
  console.log(
    `merge ${repos} reports (${shared} tokens shared)      wall ${(wall / 1000).toFixed(2)} s  peak RSS ${peak.toFixed(0)} MB  goal < ${GOAL_MS / 1000} s: ${wall < GOAL_MS ? 'met' : 'NOT met'}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { repos: { type: 'string' }, runs: { type: 'string' } } });
  await runMergeBench({ repos: values.repos ? Number(values.repos) : undefined, runs: values.runs ? Number(values.runs) : undefined });
}
