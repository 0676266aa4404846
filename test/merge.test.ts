import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReports, type NamedReport } from '../src/merge/merge.js';
import { formatJson } from '../src/report/json.js';
import type { Report, ReportToken } from '../src/report/model.js';
import { sampleReport } from './helpers/sample-report.js';
import { schemaErrors } from './helpers/schema.js';
import { cli, makeWorkspace } from './helpers/workspace.js';

/** A repository's report holding some of a pool of tokens (ids shared across repositories). */
function generatedReports(count: number, pool = 40, perRepo = 6): NamedReport[] {
  const sample = sampleReport();
  const templates = sample.tokens;
  return Array.from({ length: count }, (_, r) => {
    const tokens: ReportToken[] = Array.from({ length: perRepo }, (_, k) => {
      const n = (r * 7 + k * 13) % pool;
      const template = templates[n % templates.length];
      return {
        ...template,
        id: n.toString(16).padStart(64, '0'),
        redacted: `tok…${n}`,
        locations: [{ file: `config/${k}.env`, line: k + 1, column: 1, path: `config/${k}.env` }],
      };
    });
    const report: Report = { ...sample, tokens, workspace: null };
    return { name: `acme/repo-${String(r).padStart(3, '0')}`, report };
  });
}

describe('blastradius merge: many repositories, one organisation verdict', () => {
  it('200 reports with shared tokens: each id once, with every repository’s locations; shared tokens listed; the verdict is the union', () => {
    const inputs = generatedReports(200);
    const merged = mergeReports(inputs, 'test');
    const ids = new Set(inputs.flatMap((i) => i.report.tokens.map((t) => t.id)));
    expect(merged.tokens).toHaveLength(ids.size);
    const locations = inputs.reduce((n, i) => n + i.report.tokens.length, 0);
    expect(merged.tokens.reduce((n, t) => n + t.locations.length, 0)).toBe(locations);
    const first = merged.tokens.find((t) => t.id === inputs[0].report.tokens[0].id)!;
    const holders = inputs.filter((i) => i.report.tokens.some((t) => t.id === first.id)).map((i) => i.name);
    expect(new Set(first.locations.map((l) => l.root))).toEqual(new Set(holders));
    expect(first.locations[0].path).toMatch(/^acme\/repo-\d{3}\/config\/\d\.env$/);
    const shared = merged.organisation!.sharedTokens.find((s) => s.id === first.id)!;
    expect(shared.repositories).toEqual([...holders].sort());
    expect(merged.workspace).toMatchObject({ severity: 'critical', shared: true });
    expect(merged.organisation!.repositories).toHaveLength(200);
    expect(schemaErrors(JSON.parse(formatJson(merged)))).toBe('');
  });

  it('keeps the most decisive verdict for a token (live over unverified) and the worst blast radius', () => {
    const sample = sampleReport();
    const live = sample.tokens.find((t) => t.verification.status === 'live' && t.blastRadius?.severity === 'critical')!;
    const unverified: ReportToken = { ...live, verification: { status: 'unverified' }, blastRadius: null };
    const merged = mergeReports(
      [
        { name: 'a', report: { ...sample, tokens: [unverified] } },
        { name: 'b', report: { ...sample, tokens: [live] } },
      ],
      'test',
    );
    expect(merged.tokens).toHaveLength(1);
    expect(merged.tokens[0]).toMatchObject({ verification: { status: 'live' }, blastRadius: { severity: 'critical' } });
    expect(merged.tokens[0].locations.map((l) => l.root)).toEqual(['a', 'b']);
  });

  it('the CLI reads NAME=FILE, files and directories of artifacts, orders repositories worst first, and audit --report opens the result', async () => {
    const { dir, cleanup } = makeWorkspace({});
    try {
      const inputs = generatedReports(3);
      inputs[1].report = { ...inputs[1].report, tokens: [] };
      for (const input of inputs) {
        const folder = join(dir, 'artifacts', input.name);
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, 'report.json'), formatJson({ ...input.report, workspace: mergeReports([input], 'x').workspace }));
      }
      const text = await cli(['merge', 'artifacts', '--no-color'], dir);
      expect(text.exitCode, text.stderr).toBe(0);
      expect(text.stdout).toMatch(
        /3 repositories, worst first:\n {4}CRITICAL acme\/repo-000.*\n {4}CRITICAL acme\/repo-002.*\n {4}INFO {5}acme\/repo-001 — 0 tokens/,
      );
      const json = await cli(['merge', 'one=artifacts/acme/repo-000/report.json', 'artifacts/acme/repo-002/report.json', '-f', 'json', '-o', 'org.json'], dir);
      expect(json.exitCode, json.stderr).toBe(0);
      const audit = await cli(['audit', '--report', 'org.json'], dir);
      expect(audit.exitCode, audit.stderr).toBe(0);
      expect(audit.stdout).toContain('2 repositories, worst first');
      const clash = await cli(['merge', 'artifacts/acme/repo-000/report.json', 'artifacts/acme/repo-000/report.json'], dir);
      expect(clash).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/two reports are named "report"/) });
      const bad = await cli(['merge', 'nope.json'], dir);
      expect(bad).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^blastradius: merge nope\.json: file not found/) });
    } finally {
      cleanup();
    }
  });

  it("--sarif-dir writes each report as SARIF; rules of the scans' own packs are described when merge is given them (--rules)", async () => {
    const rule =
      'provider: acme\nrules:\n  - id: acme.key\n    description: Acme deploy key\n    keywords: [acme_]\n    pattern: "\\\\b(acme_[a-z0-9]{16})\\\\b"\n    examples: {match: ["k=acme_0123456789abcdef"], noMatch: ["k=acme_q8w7"]}\n';
    const { dir, cleanup } = makeWorkspace({ 'pack/acme.yaml': rule, 'repo/app.env': 'DEPLOY=acme_7f3k9q2m5x8w1z4r\n' });
    try {
      mkdirSync(join(dir, 'reports', 'acme'), { recursive: true });
      const scanned = await cli(['scan', 'repo', '--offline', '--rules', 'pack', '-f', 'json', '-o', 'reports/acme/web.json'], dir);
      expect(scanned.exitCode, scanned.stderr).toBe(0);
      const described = async (extra: string[]) => {
        const merged = await cli(['merge', 'reports', '--sarif-dir', 'sarif', '-f', 'json', '-o', 'org.json', ...extra], dir);
        expect(merged.exitCode, merged.stderr).toBe(0);
        const sarif = JSON.parse(readFileSync(join(dir, 'sarif', 'acme', 'web.sarif'), 'utf8'));
        expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['acme.key/info']);
        return sarif.runs[0].tool.driver.rules[0].shortDescription.text as string;
      };
      expect(await described([])).toBe('acme.key (info)');
      expect(await described(['--rules', 'pack'])).toBe('Acme deploy key (info)');
      const named = await cli(['merge', '..=reports/acme/web.json', '--sarif-dir', 'sarif'], dir);
      expect(named).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/merge --sarif-dir: the report name "\.\." cannot be a file name/) });
    } finally {
      cleanup();
    }
  });
});
