import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { loadRulesCachedSync, rulesCacheDir } from './cache.js';
import { builtinRulesDir, loadRules } from './load.js';
import type { RuleSpec } from './types.js';

// The built-in rules are read once per process (a scan used to parse every rule file twice: for
// detection and for the SARIF rule metadata), from the rules cache when the scan may use it
// (parsing the YAML costs more than scanning a few MB: src/rules/cache.ts; cached rules carry no
// examples). Directories given with --rules are read each time.
let builtin: { rules: RuleSpec[]; examples: boolean } | undefined;

export interface RulesOptions {
  /** Read (and write) the rules cache under this environment's XDG_CACHE_HOME or HOME. */
  cache?: NodeJS.ProcessEnv;
  /** The caller runs no example (reports): rules already read without them will do. */
  withoutExamples?: boolean;
}

export function rulesFor(ruleDirs: readonly string[] = [], options: RulesOptions = {}): RuleSpec[] {
  if (ruleDirs.length > 0) return loadRules([builtinRulesDir(), ...ruleDirs]);
  if (builtin && (builtin.examples || options.cache || options.withoutExamples)) return builtin.rules;
  const rules = options.cache ? loadRulesCachedSync([builtinRulesDir()], options.cache, loadRules) : loadRules([builtinRulesDir()]);
  builtin = { rules, examples: !options.cache };
  return rules;
}

/** A path with its longest existing ancestor resolved (roots are real paths; HOME may be a symlink). */
function realAncestor(path: string): string {
  for (let at = path, rest = ''; ; rest = join(basename(at), rest), at = dirname(at)) {
    try {
      return join(realpathSync(at), rest);
    } catch {
      if (dirname(at) === at) return path;
    }
  }
}

/** The rules cache may be used unless it would be written inside a tree being scanned (it would become one of its files). */
export function scanRulesCache(env: NodeJS.ProcessEnv | undefined, roots: readonly { root: string }[]): NodeJS.ProcessEnv | undefined {
  if (!env) return undefined;
  const dir = realAncestor(rulesCacheDir(env));
  const inside = roots.some(({ root }) => {
    const rel = relative(root, dir);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  return inside ? undefined : env;
}
