import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, errorMessage, fileProblem } from '../core/errors.js';
import { parseYaml, yamlProblem } from '../core/yaml.js';
import type { Severity } from '../core/types.js';

export type FailOn = Severity | 'any-secret';

/** The project's blastradius.yaml: which resources are production and backups, and the gate policy. */
export interface ProjectConfig {
  /** Where it was read from (for messages), or undefined for defaults. */
  source?: string;
  resources: {
    production: string[];
    backup: string[];
    other: string[];
    /** Concrete resources to evaluate even when the token cannot list them. */
    inventory: string[];
    /** Resources whose backups are also kept elsewhere (deleting them does not take every backup). */
    backupsElsewhere: string[];
  };
  /** What was ignored in the workspace's own config, and why (shown in every format). */
  warnings: string[];
  gate: {
    failOn: FailOn;
    /** Fail on the workspace verdict (the union of all tokens), not only on single tokens. */
    workspace: boolean;
    unverified: 'warn' | 'fail';
    /** Live tokens whose possible bound (what they could do given what could not be read) reaches failOn. */
    possible: 'warn' | 'fail';
    /** A scan that could not read everything (unreadable files, files past the time budget) is not a pass. */
    incomplete: 'warn' | 'fail';
    /** Suppressions a change under review adds to itself (`ci --base`): an inline allow, a baseline entry, a reclassification, a relaxed gate. */
    newSuppressions: 'warn' | 'fail';
  };
  paths: {
    /** Globs (relative to the scan root, or the repository top in git modes) of files never scanned; the report counts them. */
    exclude: string[];
  };
}

export const DEFAULT_CONFIG_NAME = 'blastradius.yaml';
export const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'any-secret'];

export function defaultConfig(): ProjectConfig {
  return {
    resources: { production: [], backup: [], other: [], inventory: [], backupsElsewhere: [] },
    warnings: [],
    gate: { failOn: 'critical', workspace: true, unverified: 'warn', possible: 'fail', incomplete: 'fail', newSuppressions: 'warn' },
    paths: { exclude: [] },
  };
}

/**
 * `--config FILE`, else blastradius.yaml at the first scan root, else defaults.
 * A file the user named is theirs: any mistake in it is a configuration error (exit 2). The
 * workspace's own blastradius.yaml is part of what is being scanned and may be hostile: it can
 * never stop the scan. Keys it may not set (provider URLs) are ignored, and a file that does not
 * parse or validate is ignored as a whole (the defaults are the strictest settings); each case
 * is a warning in every format.
 */
export function loadProjectConfig(explicit: string | undefined, root: string): ProjectConfig {
  if (explicit) return readProjectConfig(explicit);
  const path = join(root, DEFAULT_CONFIG_NAME);
  if (!existsSync(path)) return defaultConfig();
  try {
    return readProjectConfig(path, true);
  } catch (error) {
    const config = defaultConfig();
    config.warnings.push(`${errorMessage(error)} — the workspace's config was ignored, defaults apply`);
    return config;
  }
}

function readProjectConfig(path: string, fromWorkspace = false): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`config ${path}: ${fileProblem(error)}`);
  }
  return projectConfigFromText(text, path, fromWorkspace);
}

/** Parses a blastradius.yaml already read (from a file, or from a commit with `git show`). */
export function projectConfigFromText(text: string, path: string, fromWorkspace = false): ProjectConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`config ${path}: invalid YAML ${yamlProblem(error)}`);
  }
  const warnings: string[] = [];
  if (fromWorkspace && isObject(doc)) {
    for (const key of FORBIDDEN_KEYS.filter((k) => k in doc)) {
      warnings.push(
        `config ${path}: key "${key}" ignored: API base URLs cannot be set by the scanned project (a hostile repository could redirect its tokens); tokens were verified against the usual endpoints`,
      );
      delete doc[key];
    }
  }
  const config = parseProjectConfig(doc ?? {}, path);
  config.warnings.push(...warnings);
  return config;
}

const FORBIDDEN_KEYS = ['providers', 'apiUrls'];

const TOP_KEYS = ['resources', 'gate', 'paths'];
const RESOURCE_KEYS = ['production', 'backup', 'other', 'inventory', 'backupsElsewhere'] as const;
const GATE_KEYS = ['failOn', 'workspace', 'unverified', 'possible', 'incomplete', 'newSuppressions'];
const PATH_KEYS = ['exclude'];

export function parseProjectConfig(doc: unknown, source: string): ProjectConfig {
  const fail = (key: string, expected: string): never => {
    throw new ConfigError(`config ${source}: key "${key}": expected ${expected}`);
  };
  if (!isObject(doc)) return fail('(top level)', 'a mapping with "resources", "gate" and "paths"');
  for (const key of Object.keys(doc)) {
    if (FORBIDDEN_KEYS.includes(key)) {
      throw new ConfigError(
        `config ${source}: key "${key}": API base URLs cannot be set by the scanned project (a hostile repository could redirect its tokens); use an environment variable, a flag or ~/.config/blastradius/config.yaml`,
      );
    }
    if (!TOP_KEYS.includes(key)) fail(key, `one of ${TOP_KEYS.join(', ')} (unknown key)`);
  }
  const config = defaultConfig();
  config.source = source;
  if (doc.resources !== undefined) {
    if (!isObject(doc.resources)) fail('resources', 'a mapping');
    const resources = doc.resources as Record<string, unknown>;
    for (const key of Object.keys(resources))
      if (!(RESOURCE_KEYS as readonly string[]).includes(key)) fail(`resources.${key}`, `one of ${RESOURCE_KEYS.join(', ')} (unknown key)`);
    for (const key of RESOURCE_KEYS) {
      const value = resources[key];
      if (value === undefined || value === null) continue;
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0))
        fail(`resources.${key}`, 'a list of strings (canonical resource ids or globs)');
      config.resources[key] = value as string[];
    }
  }
  if (doc.gate !== undefined) {
    if (!isObject(doc.gate)) fail('gate', 'a mapping');
    const gate = doc.gate as Record<string, unknown>;
    for (const key of Object.keys(gate)) if (!GATE_KEYS.includes(key)) fail(`gate.${key}`, `one of ${GATE_KEYS.join(', ')} (unknown key)`);
    if (gate.failOn !== undefined) {
      if (!FAIL_ON.includes(gate.failOn as FailOn)) fail('gate.failOn', FAIL_ON.join(' | '));
      config.gate.failOn = gate.failOn as FailOn;
    }
    if (gate.workspace !== undefined) {
      if (typeof gate.workspace !== 'boolean') fail('gate.workspace', 'true or false');
      config.gate.workspace = gate.workspace as boolean;
    }
    for (const key of ['unverified', 'possible', 'incomplete', 'newSuppressions'] as const) {
      if (gate[key] === undefined) continue;
      if (gate[key] !== 'warn' && gate[key] !== 'fail') fail(`gate.${key}`, 'warn | fail');
      config.gate[key] = gate[key] as 'warn' | 'fail';
    }
  }
  if (doc.paths !== undefined && doc.paths !== null) {
    if (!isObject(doc.paths)) fail('paths', 'a mapping (paths.exclude: a list of globs)');
    const paths = doc.paths as Record<string, unknown>;
    for (const key of Object.keys(paths)) if (!PATH_KEYS.includes(key)) fail(`paths.${key}`, `one of ${PATH_KEYS.join(', ')} (unknown key)`);
    const exclude = paths.exclude;
    if (exclude !== undefined && exclude !== null) {
      if (!Array.isArray(exclude) || !exclude.every((v) => typeof v === 'string' && v.trim().length > 0))
        fail('paths.exclude', 'a list of glob strings (e.g. ["vendor/**", "**/*.test.ts"])');
      config.paths.exclude = exclude as string[];
    }
  }
  return config;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
