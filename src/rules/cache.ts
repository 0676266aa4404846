import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../core/paths.js';
import { toolVersion } from '../version.js';
import type { RuleSpec } from './types.js';

/** The built-in rules directory (as load.ts's builtinRulesDir, without loading the YAML loader). */
export const builtinRulesDir = (): string => join(packageRoot(), 'rules');

/**
 * Rules as loadRules returns them, cached as JSON under ~/.cache/blastradius keyed by a hash of
 * the rule files' bytes and the tool version: parsing the YAML costs more than the whole
 * pre-commit check. A changed, added or removed rule file changes the key; a cache that cannot be
 * read or written is ignored (the YAML is the truth, and it is still validated on every miss).
 */
export async function loadRulesCached(dirs: readonly string[], env: NodeJS.ProcessEnv): Promise<RuleSpec[]> {
  const path = cachePath(dirs, env);
  const cached = path ? readCache(path) : undefined;
  if (cached) return cached;
  // The loader (and its validation) is imported only on a miss.
  const rules = (await import('./load.js')).loadRules(dirs);
  if (path) writeCache(path, rules);
  return withoutExamples(rules);
}

/** The same cache for callers that already have the loader (scans read the rules once, at start-up). Rules come without examples. */
export function loadRulesCachedSync(dirs: readonly string[], env: NodeJS.ProcessEnv, load: (dirs: readonly string[]) => RuleSpec[]): RuleSpec[] {
  const path = cachePath(dirs, env);
  const cached = path ? readCache(path) : undefined;
  if (cached) return cached;
  const rules = load(dirs);
  if (path) writeCache(path, rules);
  return withoutExamples(rules);
}

/** The directory the rules cache lives in (under XDG_CACHE_HOME, else ~/.cache). */
export function rulesCacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'blastradius');
}

function cachePath(dirs: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const key = rulesKey(dirs);
  return key && join(rulesCacheDir(env), `rules-${key}.json`);
}

function readCache(path: string): RuleSpec[] | undefined {
  try {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (Array.isArray(cached) && cached.every((r) => typeof r?.id === 'string' && typeof r?.pattern === 'string')) return cached as RuleSpec[];
  } catch {
    // A miss, or an unreadable cache: load the YAML.
  }
  return undefined;
}

/**
 * Detection never reads a rule's examples (`rules check` loads the YAML), and a cache full of
 * sample tokens would be found by the next scan of the home directory: they are left out.
 */
export function withoutExamples(rules: readonly RuleSpec[]): RuleSpec[] {
  return rules.map((rule) => ({ ...rule, examples: { match: [], noMatch: [] } }));
}

function writeCache(path: string, rules: readonly RuleSpec[]): void {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(withoutExamples(rules)));
    renameSync(temporary, path);
  } catch {
    // A read-only home only costs speed.
  }
}

// The loader's own code is part of the key: a loader that reads a new field must not get rules cached without it.
const LOADER_FILES = ['load', 'login'];

/** sha256 over the loader's code and each rule file's directory, name and bytes; undefined when a directory cannot be read (loadRules reports it). */
function rulesKey(dirs: readonly string[]): string | undefined {
  const hash = createHash('sha256').update(`blastradius ${toolVersion()} rules-cache-2\0`);
  try {
    const here = fileURLToPath(import.meta.url);
    for (const name of LOADER_FILES) hash.update(readFileSync(join(dirname(here), `${name}${extname(here)}`))).update('\0');
    for (const dir of dirs) {
      for (const name of readdirSync(dir)
        .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
        .sort()) {
        hash
          .update(`${dir}\0${name}\0`)
          .update(readFileSync(join(dir, name)))
          .update('\0');
      }
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex').slice(0, 32);
}
