import { mkdtempSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinRulesDir, loadRulesCached, withoutExamples } from '../src/rules/cache.js';
import { loadRules } from '../src/rules/load.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blastradius-rules-cache-'));
  dirs.push(dir);
  return dir;
}

const pack = (keyword: string) =>
  `provider: acme\nrules:\n  - id: acme.key\n    description: d\n    keywords: [${keyword}]\n    pattern: "\\\\b(${keyword}[a-z0-9]{16})\\\\b"\n    examples: {match: ["k=${keyword}q8w7e6r5t4y3u2i1"], noMatch: ["k=${keyword}"]}\n`;

describe('compiled rules cache (the hook reads rules without parsing YAML)', () => {
  it('returns what loadRules returns, from a JSON file keyed by the rule files', async () => {
    const cache = temp();
    const env = { XDG_CACHE_HOME: cache };
    const first = await loadRulesCached([builtinRulesDir()], env);
    expect(first).toEqual(withoutExamples(loadRules([builtinRulesDir()])));
    const files = readdirSync(join(cache, 'blastradius')).filter((n) => n.startsWith('rules-'));
    expect(files).toHaveLength(1);
    // No sample token in the cache: a scan of the home directory must not find the rules' examples.
    const example = loadRules([builtinRulesDir()])[0].examples.match[0];
    expect(readFileSync(join(cache, 'blastradius', files[0]), 'utf8')).not.toContain(
      JSON.stringify(typeof example === 'string' ? example : example.text).slice(1, -1),
    );
    expect(await loadRulesCached([builtinRulesDir()], env)).toEqual(first);
  });

  it('a changed rule file is a new key: never a stale rule', async () => {
    const cache = temp();
    const rules = temp();
    const env = { XDG_CACHE_HOME: cache };
    writeFileSync(join(rules, 'acme.yaml'), pack('acme_'));
    expect((await loadRulesCached([rules], env))[0].keywords).toEqual(['acme_']);
    writeFileSync(join(rules, 'acme.yaml'), pack('acmx_'));
    expect((await loadRulesCached([rules], env))[0].keywords).toEqual(['acmx_']);
  });

  it('an unreadable or corrupt cache falls back to the YAML', async () => {
    const cache = temp();
    const env = { XDG_CACHE_HOME: cache };
    await loadRulesCached([builtinRulesDir()], env);
    const [file] = readdirSync(join(cache, 'blastradius'));
    writeFileSync(join(cache, 'blastradius', file), '{"not": "rules"');
    expect(await loadRulesCached([builtinRulesDir()], env)).toEqual(withoutExamples(loadRules([builtinRulesDir()])));
    expect(JSON.parse(readFileSync(join(cache, 'blastradius', file), 'utf8')).length).toBeGreaterThan(0);
  });

  it('keeps no example token on disk: a scan of the home directory finds nothing in the cache', async () => {
    const cache = temp();
    await loadRulesCached([builtinRulesDir()], { XDG_CACHE_HOME: cache });
    const [file] = readdirSync(join(cache, 'blastradius'));
    const text = readFileSync(join(cache, 'blastradius', file), 'utf8');
    const { Detector } = await import('../src/detect/detector.js');
    expect(new Detector(loadRules([builtinRulesDir()])).detectText(text, `.cache/blastradius/${file}`)).toEqual([]);
  });
});
