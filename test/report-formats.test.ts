import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { rulesFor } from '../src/rules/builtin.js';
import { formatJson } from '../src/report/json.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import { sampleReport } from './helpers/sample-report.js';
import { schemaErrors } from './helpers/schema.js';

// ajv-draft-04 is CommonJS with a default export: load it the CommonJS way (the SARIF schema is draft-04).
const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv').default;

const goldenDir = join(packageRoot(), 'fixtures', 'report');

/** Golden files are rewritten with BLASTRADIUS_UPDATE_GOLDEN=1, never by hand. */
function golden(name: string, actual: string): void {
  const path = join(goldenDir, name);
  if (process.env.BLASTRADIUS_UPDATE_GOLDEN) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${name} missing: run with BLASTRADIUS_UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('report formats (golden files)', () => {
  const report = sampleReport();

  it('text', () => {
    const text = formatText(report, { color: false, verbose: false });
    golden('sample.txt', text);
    expect(text.split('\n')[2]).toMatch(/^WORKSPACE CRITICAL/);
    expect(text.indexOf('CRITICAL  railway')).toBeLessThan(text.indexOf('LOW'));
  });

  it('text --verbose shows every path and the recommendations', () => {
    const text = formatText(report, { color: false, verbose: true });
    golden('sample.verbose.txt', text);
    expect(text).toContain('fix: ');
  });

  it('json validates against the published schema', () => {
    const json = formatJson(report);
    golden('sample.json', json);
    expect(schemaErrors(JSON.parse(json))).toBe('');
  });

  it('sarif validates against the official SARIF 2.1.0 schema', () => {
    const sarif = formatSarif(report, rulesFor());
    golden('sample.sarif', sarif);
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(packageRoot(), 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')));
    const parsed = JSON.parse(sarif);
    expect(validate(parsed) ? '' : ajv.errorsText(validate.errors)).toBe('');
    const results = parsed.runs[0].results;
    expect(results).toHaveLength(report.tokens.reduce((n, t) => n + t.locations.length, 0));
    const railway = results.find((r: { ruleId: string }) => r.ruleId === 'railway.api-token/critical');
    expect(railway).toMatchObject({ level: 'error', fingerprints: { 'blastradius/token/v1': report.tokens.find((t) => t.provider === 'railway')!.id } });
    expect(parsed.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('railway.api-token/critical');
  });

  it('markdown', () => {
    const md = formatMarkdown(report);
    golden('sample.md', md);
    expect(md).toMatch(/\*\*Workspace: CRITICAL\*\*/);
  });

  it('no format ever contains a secret', () => {
    const all = [formatText(report, { color: true, verbose: true }), formatJson(report), formatSarif(report, rulesFor()), formatMarkdown(report)].join('\n');
    for (const secret of [
      'sample-railway-secret-1',
      'sample-aws-secret',
      'sample-github-secret',
      'sample-postgres-url',
      'sample-slack-secret',
      'sample-stripe-secret',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
