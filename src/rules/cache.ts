import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';
import { toolVersion } from '../version.js';
import type { RuleSpec } from './types.js';

/** The built-in rules directory (as load.ts's builtinRulesDir, without loading the YAML loader). */
export const builtinRulesDir = (): string => join(packageRoot(), 'rules');

/**
 * Rules as loadRules returns them (less their examples), cached as JSON under ~/.cache/blastradius keyed by a hash of
 * the rule files' bytes and the tool version: parsing the YAML costs more than the whole
 * pre-commit check. A changed, added or removed rule file changes the key; a cache that cannot be
 * read or written is ignored (the YAML is the truth, and it is still validated on every miss).
 */
export async function loadRulesCached(dirs: readonly string[], env: NodeJS.ProcessEnv): Promise<RuleSpec[]> {
  // The loader (and its validation) is imported only on a miss.
  const load = async () => withoutExamples((await import('./load.js')).loadRules(dirs));
  const key = rulesKey(dirs);
  if (!key) return load();
  const path = join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'blastradius', `rules-${key}.json`);
  try {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (Array.isArray(cached) && cached.every((r) => typeof r?.id === 'string' && typeof r?.pattern === 'string')) return cached as RuleSpec[];
  } catch {
    // A miss, or an unreadable cache: load the YAML.
  }
  const rules = await load();
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(rules));
    renameSync(temporary, path);
  } catch {
    // A read-only home only costs speed.
  }
  return rules;
}

/**
 * Detection never reads a rule's examples (`rules check` loads the YAML), and a cache full of
 * sample tokens would be found by the next scan of the home directory: they are left out.
 */
export function withoutExamples(rules: RuleSpec[]): RuleSpec[] {
  return rules.map((rule) => ({ ...rule, examples: { match: [], noMatch: [] } }));
}

/** sha256 over each rule file's directory, name and bytes; undefined when a directory cannot be read (loadRules reports it). */
function rulesKey(dirs: readonly string[]): string | undefined {
  const hash = createHash('sha256').update(`blastradius ${toolVersion()} rules-cache-2\0`);
  try {
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort()) {
        hash.update(`${dir}\0${name}\0`).update(readFileSync(join(dir, name))).update('\0');
      }
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex').slice(0, 32);
}
