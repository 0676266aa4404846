import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/core/paths.js';
import { OFFLINE_PROVIDERS, PROVIDERS, loadProvider } from '../../src/providers/registry.js';
import { loadRules } from '../../src/rules/load.js';

const providersDir = join(packageRoot(), 'src', 'providers');
// `_template` is the skeleton `npm run new-provider` copies (src/providers/_template/README.md), not a provider.
const folders = readdirSync(providersDir)
  .filter((name) => statSync(join(providersDir, name)).isDirectory() && !name.startsWith('_'))
  .sort();
const rules = loadRules();

// Rules whose credentials we recognise but do not verify (no read-only identity call exists, or no module yet).
const UNVERIFIED_PROVIDERS = ['docker', 'kubernetes', 'privatekey', 'generic', 'amqp', 'mssql'];

describe('provider registry', () => {
  const ids = PROVIDERS.map((m) => m.id);
  it('has exactly one manifest per provider folder', () => {
    expect([...ids].sort()).toEqual(folders);
  });

  for (const id of ids) {
    it(`${id}: id, docs URL at the top of its main file, and rules of its own provider`, async () => {
      const provider = (await loadProvider(id))!;
      expect(provider.id).toBe(id);
      expect(provider.docsUrl).toMatch(/^https:\/\//);
      const head = readFileSync(join(providersDir, id, 'index.ts'), 'utf8')
        .split('\n')
        .slice(0, 15)
        .join('\n');
      expect(head).toMatch(/https:\/\//);
      const own = rules.filter((r) => r.provider === id).map((r) => r.id);
      expect(provider.rules.length).toBeGreaterThan(0);
      for (const ruleId of provider.rules) expect(own).toContain(ruleId);
      expect(OFFLINE_PROVIDERS.has(id), 'OFFLINE_PROVIDERS must list exactly the offline decoders').toBe(
        provider.offline === true || (Array.isArray(provider.offline) && provider.offline.length > 0),
      );
      if (Array.isArray(provider.offline))
        for (const ruleId of provider.offline) expect(provider.rules, 'offline rules are rules of the provider').toContain(ruleId);
      const manifest = PROVIDERS.find((m) => m.id === id)!;
      expect({ id: provider.id, docsUrl: provider.docsUrl, rules: provider.rules }).toEqual({
        id: manifest.id,
        docsUrl: manifest.docsUrl,
        rules: manifest.rules,
      });
    });
  }

  it('every rule belongs to a registered provider or to a documented unverified one', () => {
    for (const rule of rules) expect([...ids, ...UNVERIFIED_PROVIDERS]).toContain(rule.provider);
  });
});
