import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError, errorMessage, fileProblem } from '../core/errors.js';
import { parseYaml, yamlProblem } from '../core/yaml.js';
import { packageRoot } from '../core/paths.js';
import { parseLogins } from './login.js';
import { quantifierProblem } from './quantifiers.js';
import { validatorNames } from '../detect/validators.js';
import type { Example, HintSpec, PartSpec, RuleSpec } from './types.js';

export const builtinRulesDir = (): string => join(packageRoot(), 'rules');

const PART_KEYS = new Set(['name', 'pattern', 'flags', 'lines', 'required', 'secret', 'anywhereIn']);
const RULE_KEYS = new Set([
  'id',
  'kind',
  'description',
  'keywords',
  'pattern',
  'flags',
  'entropy',
  'validate',
  'context',
  'parts',
  'hints',
  'identifier',
  'redactPrefix',
  'redact',
  'fallback',
  'login',
  'files',
  'lineContains',
  'supersedes',
  'examples',
]);

/** Loads every `*.yaml` rule file of the given directories; any defect is a ConfigError naming file, rule and field. */
export function loadRules(dirs: readonly string[] = [builtinRulesDir()]): RuleSpec[] {
  const rules: RuleSpec[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
        .sort();
    } catch (error) {
      throw new ConfigError(`cannot read rules directory ${dir}: ${fileProblem(error)}`);
    }
    for (const name of names) {
      for (const rule of loadRuleFile(join(dir, name))) {
        const other = seen.get(rule.id);
        if (other) throw new ConfigError(`${rule.source}: rule ${rule.id}: duplicate id (also in ${other})`);
        seen.set(rule.id, rule.source);
        rules.push(rule);
      }
    }
  }
  return rules;
}

export function loadRuleFile(path: string): RuleSpec[] {
  const source = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${source}: cannot read rule file: ${fileProblem(error)}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${source}: invalid YAML ${yamlProblem(error)}`);
  }
  return parseRuleDocument(doc, source);
}

export function parseRuleDocument(doc: unknown, source: string): RuleSpec[] {
  if (!isObject(doc)) throw new ConfigError(`${source}: expected a mapping with "provider" and "rules"`);
  const provider = doc.provider;
  if (typeof provider !== 'string' || !/^[a-z][a-z0-9-]*$/.test(provider)) {
    throw new ConfigError(`${source}: field "provider" must be a lowercase identifier`);
  }
  if (!Array.isArray(doc.rules) || doc.rules.length === 0) {
    throw new ConfigError(`${source}: field "rules" must be a non-empty list`);
  }
  return doc.rules.map((raw, index) => parseRule(raw, provider, source, index));
}

function parseRule(raw: unknown, provider: string, source: string, index: number): RuleSpec {
  const where = (id: string) => `${source}: rule ${id}`;
  if (!isObject(raw)) throw new ConfigError(`${source}: rule #${index + 1}: expected a mapping`);
  const id = typeof raw.id === 'string' ? raw.id : `#${index + 1}`;
  const fail = (field: string, problem: string): never => {
    throw new ConfigError(`${where(id)}: field "${field}" ${problem}`);
  };
  if (typeof raw.id !== 'string' || !raw.id.startsWith(`${provider}.`)) fail('id', `must be a string "${provider}.<name>"`);
  for (const key of Object.keys(raw)) if (!RULE_KEYS.has(key)) fail(key, 'is not a known rule field');
  const description = stringField(raw, 'description', fail);
  const kind = raw.kind === undefined ? id.slice(provider.length + 1) : stringField(raw, 'kind', fail);
  const keywords = raw.keywords;
  if (!Array.isArray(keywords) || keywords.length === 0 || !keywords.every((k) => typeof k === 'string' && k.length >= 3)) {
    fail('keywords', 'must be a non-empty list of strings of 3 or more characters');
  }
  const flags = optionalString(raw, 'flags', fail);
  if (flags !== undefined && !/^[imsu]*$/.test(flags)) fail('flags', 'may only contain i, m, s, u');
  const pattern = stringField(raw, 'pattern', fail);
  checkPattern(pattern, flags, 1, (problem) => fail('pattern', problem));
  const entropy = raw.entropy;
  if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8)) fail('entropy', 'must be a number between 0 and 8');
  const validate = optionalString(raw, 'validate', fail);
  if (validate !== undefined && !validatorNames.includes(validate)) fail('validate', `must be one of ${validatorNames.join(', ')}`);
  const redactPrefix = raw.redactPrefix;
  if (redactPrefix !== undefined && (!Number.isInteger(redactPrefix) || (redactPrefix as number) < 0 || (redactPrefix as number) > 14)) {
    fail('redactPrefix', 'must be an integer from 0 to 14');
  }
  if (raw.redact !== undefined && raw.redact !== 'url' && raw.redact !== 'pem' && raw.redact !== 'key') fail('redact', 'must be "url", "pem" or "key"');
  const fallback = raw.fallback;
  if (fallback !== undefined && (!Number.isInteger(fallback) || (fallback as number) < 1 || (fallback as number) > 9))
    fail('fallback', 'must be an integer from 1 to 9');
  if (raw.identifier !== undefined && typeof raw.identifier !== 'boolean') fail('identifier', 'must be true or false');
  const parts = parseParts(raw.parts, fail);
  // An identifying match with no secret part would make a credential of public values alone.
  if (raw.identifier === true && !parts?.some((p) => p.required && p.secret !== false)) fail('identifier', 'needs a required part that is secret');
  const hints = parseHints(raw.hints, fail);
  if (raw.redact === 'key' && !hints?.some((h) => h.name === 'key')) fail('redact', '"key" needs a hint named key');
  const files = raw.files;
  if (files !== undefined && (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string')))
    fail('files', 'must be a non-empty list of glob strings');
  const supersedes = raw.supersedes ?? [];
  if (!Array.isArray(supersedes) || !supersedes.every((r) => typeof r === 'string')) fail('supersedes', 'must be a list of rule ids');
  const rule: RuleSpec = {
    id,
    provider,
    kind,
    description,
    keywords: keywords as string[],
    pattern,
    flags,
    entropy: entropy as number | undefined,
    validate,
    context: parseContext(raw.context, fail),
    parts,
    hints,
    ...(raw.identifier === true ? { identifier: true } : {}),
    redactPrefix: redactPrefix as number | undefined,
    redact: raw.redact as RuleSpec['redact'],
    ...(fallback !== undefined ? { fallback: fallback as number } : {}),
    ...(files !== undefined ? { files: files as string[] } : {}),
    ...(raw.lineContains !== undefined ? { lineContains: stringField(raw, 'lineContains', fail) } : {}),
    ...(raw.login !== undefined ? { login: parseLogins(raw.login, fail) } : {}),
    supersedes: supersedes as string[],
    examples: parseExamples(raw.examples, fail),
    source,
  };
  return rule;
}

type Fail = (field: string, problem: string) => never;

function parseContext(raw: unknown, fail: Fail): RuleSpec['context'] {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) return fail('context', 'must be a mapping with "pattern" and optional "lines", "files"');
  const pattern = raw.pattern;
  if (typeof pattern !== 'string') return fail('context.pattern', 'must be a string');
  checkPattern(pattern, 'i', 0, (problem) => fail('context.pattern', problem));
  const lines = raw.lines ?? 1;
  if (!Number.isInteger(lines) || (lines as number) < 0 || (lines as number) > 20) fail('context.lines', 'must be an integer from 0 to 20');
  const files = raw.files ?? [];
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) fail('context.files', 'must be a list of glob strings');
  return { pattern, lines: lines as number, files: files as string[] };
}

function parseParts(raw: unknown, fail: Fail): PartSpec[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length === 0) return fail('parts', 'must be a non-empty list');
  return raw.map((part, i) => {
    const field = `parts[${i}]`;
    if (!isObject(part) || typeof part.name !== 'string' || typeof part.pattern !== 'string') {
      return fail(field, 'must have a string "name" and "pattern"');
    }
    const flags = part.flags === undefined ? undefined : String(part.flags);
    checkPattern(part.pattern, flags, 1, (problem) => fail(`${field}.pattern`, problem));
    const lines = part.lines ?? 5;
    if (!Number.isInteger(lines) || (lines as number) < 0 || (lines as number) > 50) fail(`${field}.lines`, 'must be an integer from 0 to 50');
    if (part.required !== undefined && typeof part.required !== 'boolean') fail(`${field}.required`, 'must be true or false');
    if (part.secret !== undefined && typeof part.secret !== 'boolean') fail(`${field}.secret`, 'must be true or false');
    for (const key of Object.keys(part)) if (!PART_KEYS.has(key)) fail(`${field}.${key}`, 'is not a known part field');
    const anywhereIn = part.anywhereIn;
    if (anywhereIn !== undefined && (!Array.isArray(anywhereIn) || !anywhereIn.every((f) => typeof f === 'string')))
      fail(`${field}.anywhereIn`, 'must be a list of glob strings');
    return {
      name: part.name,
      pattern: part.pattern,
      flags,
      lines: lines as number,
      required: part.required !== false,
      secret: part.secret !== false,
      ...(anywhereIn ? { anywhereIn: anywhereIn as string[] } : {}),
    };
  });
}

function parseHints(raw: unknown, fail: Fail): HintSpec[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length === 0) return fail('hints', 'must be a non-empty list');
  return raw.map((hint, i) => {
    const field = `hints[${i}]`;
    if (!isObject(hint) || typeof hint.name !== 'string' || !/^[a-z][a-z0-9-]*$/.test(hint.name) || typeof hint.pattern !== 'string') {
      return fail(field, 'must have a lowercase "name" and a string "pattern"');
    }
    const flags = hint.flags === undefined ? undefined : String(hint.flags);
    if (flags !== undefined && !/^[imsu]*$/.test(flags)) fail(`${field}.flags`, 'may only contain i, m, s, u');
    checkPattern(hint.pattern, flags, 1, (problem) => fail(`${field}.pattern`, problem));
    const lines = hint.lines ?? 0;
    if (!Number.isInteger(lines) || (lines as number) < 0 || (lines as number) > 1000) fail(`${field}.lines`, 'must be an integer from 0 to 1000');
    if (hint.before !== undefined && typeof hint.before !== 'boolean') fail(`${field}.before`, 'must be true or false');
    const files = hint.files;
    if (files !== undefined && (!Array.isArray(files) || !files.every((f) => typeof f === 'string'))) fail(`${field}.files`, 'must be a list of glob strings');
    return {
      name: hint.name,
      pattern: hint.pattern,
      flags,
      lines: lines as number,
      ...(hint.before ? { before: true } : {}),
      ...(files ? { files: files as string[] } : {}),
    };
  });
}

function parseExamples(raw: unknown, fail: Fail): RuleSpec['examples'] {
  if (!isObject(raw)) return fail('examples', 'is required, with non-empty "match" and "noMatch" lists');
  const list = (key: 'match' | 'noMatch'): Example[] => {
    const value = raw[key];
    if (!Array.isArray(value) || value.length === 0) return fail(`examples.${key}`, 'must be a non-empty list');
    return value.map((example, i) => {
      if (typeof example === 'string') return example;
      if (isObject(example) && typeof example.text === 'string' && typeof example.path === 'string') {
        const hints = example.hints;
        if (hints === undefined) return { text: example.text, path: example.path };
        if (!isObject(hints) || !Object.values(hints).every((v) => typeof v === 'string'))
          return fail(`examples.${key}[${i}].hints`, 'must map hint names to values');
        return { text: example.text, path: example.path, hints: hints as Record<string, string> };
      }
      return fail(`examples.${key}[${i}]`, 'must be a string or {text, path, hints?}');
    });
  };
  return { match: list('match'), noMatch: list('noMatch') };
}

/** Compiles a pattern once to prove it is a valid regex with the right number of capture groups. */
function checkPattern(pattern: string, flags: string | undefined, groups: number, fail: (problem: string) => never): void {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    fail(`is not a valid regular expression: ${errorMessage(error)}`);
    return;
  }
  const problem = quantifierProblem(pattern);
  if (problem) fail(problem);
  const captureCount = new RegExp(`${regex.source}|`, flags).exec('')!.length - 1;
  if (groups > 0 && captureCount !== groups)
    fail(`must have exactly ${groups} capture group (the secret), found ${captureCount}; use (?:...) for other groups`);
}

function stringField(raw: Record<string, unknown>, key: string, fail: Fail): string {
  const value = raw[key];
  if (typeof value !== 'string' || value.length === 0) return fail(key, 'must be a non-empty string');
  return value;
}

function optionalString(raw: Record<string, unknown>, key: string, fail: Fail): string | undefined {
  if (raw[key] === undefined) return undefined;
  return stringField(raw, key, fail);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
