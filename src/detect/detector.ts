import { picomatch } from '../core/picomatch.js';
import { redact } from '../core/secret.js';
import type { RuleSpec } from '../rules/types.js';
import { Assembler } from './assemble/index.js';
import { assembledCandidates, resolveFallbacks } from './combine.js';
import { isPlaceholder, shannonEntropy } from './filters.js';
import { type CompiledHint, compileHints, type Hint, HintFinder } from './hints.js';
import { KeywordPrefilter, MAX_OFFSETS } from './prefilter.js';
import { redactPem, redactUrl } from './redact.js';
import { compileGlobs } from './globs.js';
import { excerptOf, type Excerpt, type KeywordSearch, lineNumberAt, searchRegions } from './keyword-lines.js';
import { safeDecode } from '../core/uri.js';
import { decodeText, isUtf16, LineIndex, position } from './text.js';
import { validators } from './validators.js';

export { redactPem, redactUrl } from './redact.js';
export { decodeText } from './text.js';
import { isDefaultPassword, isReference } from './values.js';

/** One raw finding in one file, before dedupe. `secret` is clear text and stays in memory. */
export interface Candidate {
  ruleId: string;
  /** The credential's identity material: the secret, or its parts joined with `:` (AWS: `KEYID:SECRET`). */
  secret: string;
  /** Optional parts that travel with the credential but are not part of its id (AWS session token). */
  extras?: Record<string, string>;
  /** Values among the match and its parts that identify rather than authenticate (rule `identifier`, parts with `secret: false`). */
  identifiers?: string[];
  redacted: string;
  line: number;
  column: number;
  /** Suppressed by a `blastradius:allow` comment on the line or the line above. */
  allowed: boolean;
  /** Non-secret context the rule's `hints` found around it. */
  hints?: Hint[];
  /** Further places of the same credential: the other parts of an assembled login (host, user, database lines). */
  also?: { line: number; column: number; file?: string }[];
  /** Why no provider may be asked (an assembled login with no host): the token stays unverified with this reason. */
  unverifiable?: string;
}

/** A candidate while its file is being detected: the text it covers, for the fallback rules' last word. */
export interface SpannedCandidate extends Candidate {
  spans: [number, number][];
  fallback: number;
  /** Found in decoded text (a Kubernetes Secret's data): the encoded text's claims do not apply to it. */
  nested?: boolean;
  /** An assembled login: the claims of logins do not apply to it. */
  assembled?: boolean;
}

interface CompiledRule {
  spec: RuleSpec;
  regex: RegExp;
  keywordIndexes: number[];
  context?: { regex: RegExp; lines: number; inFile: (path: string) => boolean };
  parts: { name: string; regex: RegExp; lines: number; required: boolean; secret: boolean; anywhereIn?: (path: string) => boolean }[];
  hints: CompiledHint[];
  validate?: (secret: string, key?: string) => boolean;
  inFiles?: (path: string) => boolean;
}

// 1 M characters per regex pass; the overlap exceeds the longest match a bounded pattern can make
// (quantifiers are capped at 16384 by src/rules/quantifiers.ts, a PEM key plus its armour).
const CHUNK = 1 << 20;
const OVERLAP = 1 << 16;
const LEAD = 64;
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]*)@/i;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** Rules compiled once; `detect` runs the prefilter over the bytes and only the rules whose keywords occur. */
export class Detector {
  readonly rules: readonly CompiledRule[];
  readonly #prefilter: KeywordPrefilter;
  readonly #fileRules: readonly CompiledRule[];
  readonly #assembler: Assembler;
  readonly #specificKeywords: readonly string[];
  /** Rules limited to some files (`files`): chosen by path, their keywords searched in the file itself. */
  readonly #pathRules: readonly CompiledRule[];

  constructor(specs: readonly RuleSpec[]) {
    this.#assembler = new Assembler(specs);
    this.#specificKeywords = [...new Set(specs.filter((s) => !s.fallback).flatMap((s) => s.keywords))];
    // A rule limited to configuration files keeps its common words (`token=`) out of the prefilter,
    // which every file of a repository goes through.
    const keywords = [...new Set(specs.filter((s) => !s.files).flatMap((s) => s.keywords))];
    // The last-resort rules' keywords are located as the prefilter passes: their lines are found from there.
    const located = specs.filter((s) => s.fallback && !s.files).flatMap((s) => s.keywords.filter((k) => /^[\x00-\x09\x0b-\x7f]+$/.test(k)));
    this.#prefilter = new KeywordPrefilter(keywords, new Set(located));
    const keywordIndex = new Map(this.#prefilter.keywords.map((k, i) => [k, i]));
    this.rules = specs.map((spec) => ({
      spec,
      regex: new RegExp(spec.pattern, `g${spec.flags ?? ''}`),
      keywordIndexes: spec.files ? [] : spec.keywords.map((k) => keywordIndex.get(k)!),
      context: spec.context && {
        regex: new RegExp(spec.context.pattern, 'im'),
        lines: spec.context.lines,
        inFile: spec.context.files.length > 0 ? picomatch(spec.context.files, { dot: true, basename: false }) : () => false,
      },
      parts: (spec.parts ?? []).map((p) => ({
        name: p.name,
        regex: new RegExp(p.pattern, `g${p.flags ?? ''}`),
        lines: p.lines,
        required: p.required,
        secret: p.secret !== false,
        ...(p.anywhereIn?.length ? { anywhereIn: picomatch(p.anywhereIn, { dot: true }) } : {}),
      })),
      hints: compileHints(spec.hints),
      ...(spec.files ? { inFiles: compileGlobs(spec.files) } : {}),
      validate: spec.validate ? validators[spec.validate] : undefined,
    }));
    this.#fileRules = this.rules.filter((r) => (r.spec.context?.files.length ?? 0) > 0);
    this.#pathRules = this.rules.filter((r) => r.inFiles);
  }

  /** Detects in raw file bytes. `path` (forward slashes) is used only for file-context rules. */
  detectBytes(raw: Uint8Array, path: string): Candidate[] {
    return this.detectFile(raw, path, Infinity).candidates;
  }

  /**
   * Like detectBytes, within a time budget: past it the remaining rules are skipped and the file is
   * reported as partially scanned (the findings so far are kept). Patterns have bounded work per
   * position (src/rules/quantifiers.ts), so one regex step cannot overrun the budget by much.
   */
  detectFile(raw: Uint8Array, path: string, budgetMs: number): { candidates: Candidate[]; partial?: string } {
    const deadline = performance.now() + budgetMs;
    // UTF-16 text is re-encoded so that the byte-level keyword prefilter sees it.
    const bytes = isUtf16(raw) ? Buffer.from(decodeText(raw), 'utf8') : raw;
    const offsets: number[][] = [];
    const found = this.#prefilter.find(bytes, offsets);
    // Rules tied to a file (the Railway CLI config) run there even when no keyword occurs.
    const byPath = this.#fileRules.filter((r) => r.context!.inFile(path));
    const forPath = this.#pathRules.filter((r) => r.inFiles!(path));
    const assemble = this.#assembler.readsFile(path, bytes);
    if (found.size === 0 && byPath.length === 0 && forPath.length === 0 && !assemble) return { candidates: [] };
    // TypeScript declaration files hold types and their documentation, never a value a program
    // runs with: the last-resort rules would only report the documentation's example passwords.
    const declarations = DECLARATION_FILE.test(path);
    const rules = this.rules.filter(
      (r) => (byPath.includes(r) || forPath.includes(r) || r.keywordIndexes.some((i) => found.has(i))) && !(declarations && r.spec.fallback),
    );
    if (rules.length === 0 && !assemble) return { candidates: [] };
    // Only last-resort rules woke: they read the lines of their keywords, not the whole file.
    if (!assemble && byPath.length === 0 && forPath.length === 0 && rules.every((r) => r.spec.fallback)) {
      const excerpt = excerptOf(
        bytes,
        rules.map((r) => this.#search(r, found, offsets)),
      );
      // No keyword line qualified (a URL credential's keyword without an `@` on its line): nothing to match.
      if (excerpt?.starts.length === 0) return { candidates: [] };
      if (excerpt) return this.#detectExcerpt(rules, bytes, excerpt, path, deadline, budgetMs);
    }
    const text = decodeText(bytes);
    // The last-resort rules read only the lines of their keywords (one search for all of them; the
    // keywords of rules chosen by path were never in the prefilter, so all of theirs are searched).
    const fallbacks = rules.filter((r) => r.spec.fallback);
    const fallbackRegions = fallbacks.length
      ? searchRegions(
          text,
          fallbacks.map((r) => this.#search(r, found, offsets)),
          // The keywords' byte offsets are the text's when every byte is one character.
          text.length === bytes.length ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined,
        )
      : undefined;
    const result = this.#detectWith(rules, text, path, deadline, budgetMs, fallbackRegions);
    let claims: [number, number][] = [];
    let encoded: [number, number][] = [];
    if (assemble && !result.partial) {
      const assembly = this.#assembler.assemble(text, path, deadline);
      const lines = new LineIndex(text);
      claims = assembly.claims;
      result.candidates.push(
        ...assembledCandidates(
          assembly.logins,
          (url) => this.#matchText(url),
          this.#ruleById,
          (offset) => position(lines, text, offset),
        ),
      );
      if (assembly.decoded) {
        encoded = assembly.decoded.spans;
        result.candidates.push(...this.#nested(assembly.decoded, path, text, lines));
      }
    }
    const candidates = resolveFallbacks(result.candidates, claims, encoded, (value) => this.#ownedByRule(value));
    return { candidates, ...(result.partial ? { partial: result.partial } : {}) };
  }

  #detectExcerpt(
    rules: readonly CompiledRule[],
    bytes: Uint8Array,
    excerpt: Excerpt,
    path: string,
    deadline: number,
    budgetMs: number,
  ): { candidates: Candidate[]; partial?: string } {
    const result = this.#detectWith(rules, excerpt.text, path, deadline, budgetMs);
    const candidates = resolveFallbacks(result.candidates, [], [], (value) => this.#ownedByRule(value)).map((c) => ({
      ...c,
      line: lineNumberAt(bytes, excerpt.starts[c.line - 1]),
    }));
    return { candidates, ...(result.partial ? { partial: result.partial } : {}) };
  }

  /**
   * A last-resort rule's search: the keywords the prefilter saw (all of them for rules chosen by
   * path, which it never saw), and where they are when it located every occurrence.
   */
  #search(rule: CompiledRule, found: ReadonlySet<number>, offsets: readonly (number[] | undefined)[]): KeywordSearch {
    const search: KeywordSearch = rule.inFiles
      ? { keywords: rule.spec.keywords }
      : { keywords: rule.keywordIndexes.filter((i) => found.has(i)).map((i) => this.#prefilter.keywords[i]) };
    if (rule.spec.lineContains) search.lineContains = rule.spec.lineContains;
    if (!rule.inFiles) {
      const lists = rule.keywordIndexes.filter((i) => found.has(i)).map((i) => offsets[i]);
      const complete = (list: number[] | undefined): list is number[] => list !== undefined && list.length <= MAX_OFFSETS;
      if (lists.every(complete)) search.at = lists.length === 1 ? lists[0] : lists.flat().sort((a, b) => a - b);
    }
    return search;
  }

  readonly #ruleById = (id: string): RuleSpec | undefined => this.rules.find((r) => r.spec.id === id)?.spec;

  /**
   * A value that carries a specific rule's keyword (`ghp_`, `AKIA`, `sk_live_`) was that rule's to
   * judge: when it refused it (a wrong checksum, a documented example), no fallback reports it.
   */
  #ownedByRule(value: string): boolean {
    const lower = value.toLowerCase();
    return this.#specificKeywords.some((k) => (k === k.toLowerCase() ? lower.includes(k) : value.includes(k)));
  }

  /** Every rule over a short synthetic text (an assembled URL), without assembly. */
  #matchText(text: string): SpannedCandidate[] {
    const found = this.#prefilter.find(Buffer.from(text, 'utf8'));
    const rules = this.rules.filter((r) => r.keywordIndexes.some((i) => found.has(i)));
    return rules.length ? this.#detectWith(rules, text, '', Infinity, Infinity).candidates : [];
  }

  /** The rules over decoded `KEY=value` lines (line numbers kept), reported at the encoded value. */
  #nested(decoded: { text: string; columns: Map<number, number> }, path: string, text: string, lines: LineIndex): SpannedCandidate[] {
    const words = this.#prefilter.find(Buffer.from(decoded.text, 'utf8'));
    const rules = this.rules.filter((r) => r.keywordIndexes.some((i) => words.has(i)));
    const found = rules.length ? this.#detectWith(rules, decoded.text, `${path}.env`, Infinity, Infinity).candidates : [];
    return found.map((candidate) => {
      const column = (decoded.columns.get(candidate.line - 1) ?? candidate.column - 1) + 1;
      const start = lines.startOf(candidate.line - 1) + column - 1;
      const end = text.indexOf('\n', start);
      return { ...candidate, column, spans: [[start, (end === -1 ? text.length : end) - start]], nested: true };
    });
  }

  /** Detects in text that is already decoded (examples, git blobs already in memory). */
  detectText(text: string, path = ''): Candidate[] {
    return this.detectBytes(Buffer.from(text, 'utf8'), path);
  }

  #detectWith(
    rules: readonly CompiledRule[],
    text: string,
    path: string,
    deadline: number,
    budgetMs: number,
    fallbackRegions?: [number, number][],
  ): { candidates: SpannedCandidate[]; partial?: string } {
    const lines = new LineIndex(text);
    const hints = new HintFinder(text, path, (offset) => lines.lineOf(offset), deadline);
    const out: SpannedCandidate[] = [];
    const overBudget = () => performance.now() > deadline;
    for (const [index, rule] of rules.entries()) {
      if (overBudget()) {
        const skipped = rules.slice(index).map((r) => r.spec.id);
        return { candidates: out, partial: `partially scanned: time budget of ${budgetMs} ms exceeded; rules not run: ${skipped.join(', ')}` };
      }
      for (const [regionStart, regionEnd] of (rule.spec.fallback && fallbackRegions) || this.#regions(rule, text, lines, path)) {
        // Large regions run in chunks (overlapping by more than the longest possible match), so
        // that the time budget is checked between them even when a pattern never matches.
        for (let chunk = regionStart; chunk < regionEnd; chunk += CHUNK) {
          const sliceEnd = Math.min(regionEnd, chunk + CHUNK + OVERLAP);
          // A few characters before the chunk keep \b and (?:^|[^…]) honest at its first position.
          const sliceStart = chunk === regionStart ? chunk : chunk - LEAD;
          const region = sliceStart === 0 && sliceEnd === text.length ? text : text.slice(sliceStart, sliceEnd);
          const regex = rule.regex;
          regex.lastIndex = 0;
          let match: RegExpExecArray | null;
          while ((match = regex.exec(region)) !== null) {
            if (match[0].length === 0) regex.lastIndex++;
            const at = sliceStart + match.index;
            if (at >= chunk + CHUNK) break; // the next chunk starts here
            if (at < chunk) continue; // the previous chunk found it
            const value = match[1];
            if (value === undefined || value.length === 0) continue;
            const offset = at + match[0].indexOf(value);
            const candidate = this.#accept(rule, value, offset, text, lines, path, hints);
            if (candidate) out.push(candidate);
            if (overBudget()) return { candidates: out, partial: `partially scanned: time budget of ${budgetMs} ms exceeded in rule ${rule.spec.id}` };
          }
          if (overBudget()) return { candidates: out, partial: `partially scanned: time budget of ${budgetMs} ms exceeded in rule ${rule.spec.id}` };
        }
      }
    }
    return { candidates: out };
  }

  /**
   * Where a rule's pattern runs: the whole text, or — for rules that need a nearby key — only the
   * lines around each context match, so a generic 40-character pattern never sweeps a whole bundle.
   */
  #regions(rule: CompiledRule, text: string, lines: LineIndex, path: string): [number, number][] {
    if (!rule.context || rule.context.inFile(path)) return [[0, text.length]];
    const regions: [number, number][] = [];
    const finder = new RegExp(rule.context.regex.source, 'gim');
    let match: RegExpExecArray | null;
    while ((match = finder.exec(text)) !== null) {
      if (match[0].length === 0) finder.lastIndex++;
      const line = lines.lineOf(match.index);
      const start = lines.startOf(line - rule.context.lines);
      const end = lines.endOf(line + rule.context.lines);
      const last = regions[regions.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else regions.push([start, end]);
      finder.lastIndex = Math.max(finder.lastIndex, end);
    }
    return regions;
  }

  #accept(rule: CompiledRule, value: string, offset: number, text: string, lines: LineIndex, path: string, hints: HintFinder): SpannedCandidate | undefined {
    const spec = rule.spec;
    const checked = spec.redact === 'url' ? URL_PASSWORD.exec(value)?.[1] : value;
    if (checked === undefined || checked.length === 0) return undefined;
    if (isPlaceholder(checked) || (spec.redact === 'url' && (isDefaultPassword(safeDecode(checked)) || isReference(checked)))) return undefined;
    if (spec.entropy !== undefined && shannonEntropy(checked) < spec.entropy) return undefined;
    const line = lines.lineOf(offset);
    // Rules that show the key (generic secrets) read it first: the value is judged with its key.
    const early = spec.redact === 'key' ? hints.find(rule.hints, offset, value.length, line) : undefined;
    const key = early?.find((h) => h.name === 'key')?.value;
    if (spec.redact === 'key' && !key) return undefined;
    if (rule.validate && !rule.validate(value, key)) return undefined;
    if (rule.context && !rule.context.inFile(path)) {
      const around = lines.slice(text, line - rule.context.lines, line + rule.context.lines);
      if (!rule.context.regex.test(around)) return undefined;
    }
    let secret = value;
    let extras: Record<string, string> | undefined;
    const identifiers = spec.identifier ? [value] : [];
    const spans: [number, number][] = [[offset, value.length]];
    for (const part of rule.parts) {
      const window = part.anywhereIn?.(path) ? Infinity : part.lines;
      const found = nearest(part.regex, text, lines, line, window, offset, value.length);
      if (found === undefined) {
        if (part.required) return undefined;
        continue;
      }
      spans.push([found.at, found.value.length]);
      if (part.required) secret += `:${found.value}`;
      else (extras ??= {})[part.name] = found.value;
      if (!part.secret) identifiers.push(found.value);
    }
    const found = early ?? (rule.hints.length ? hints.find(rule.hints, offset, value.length, line) : []);
    return {
      ruleId: spec.id,
      secret,
      extras,
      ...(found.length ? { hints: found } : {}),
      ...(identifiers.length ? { identifiers } : {}),
      redacted:
        spec.redact === 'url'
          ? redactUrl(value)
          : spec.redact === 'pem'
            ? redactPem(value)
            : spec.redact === 'key'
              ? `${key}=${redact(value, 0)}`
              : redact(value, spec.redactPrefix ?? 0),
      line: line + 1,
      column: offset - lines.startOf(line) + 1,
      allowed: position(lines, text, offset).allowed,
      spans,
      fallback: spec.fallback ?? 0,
    };
  }
}

/** The part match closest to the main match, within `window` lines, not overlapping it. */
function nearest(
  regex: RegExp,
  text: string,
  lines: LineIndex,
  line: number,
  window: number,
  offset: number,
  length: number,
): { value: string; at: number } | undefined {
  const start = window === Infinity ? 0 : lines.startOf(Math.max(0, line - window));
  const end = window === Infinity ? text.length : lines.endOf(line + window);
  const region = text.slice(start, end);
  regex.lastIndex = 0;
  let best: { value: string; at: number; distance: number } | undefined;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(region)) !== null) {
    if (match[0].length === 0) regex.lastIndex++;
    const value = match[1];
    if (!value || isPlaceholder(value)) continue;
    const at = start + match.index + match[0].indexOf(value);
    if (at < offset + length && at + value.length > offset) continue;
    const distance = Math.abs(at - offset);
    if (!best || distance < best.distance) best = { value, at, distance };
  }
  return best && { value: best.value, at: best.at };
}
