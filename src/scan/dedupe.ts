import { compareText } from '../core/compare.js';
import { Secret } from '../core/secret.js';
import { secretId } from '../core/token-id.js';
import type { Location, Token } from '../core/types.js';
import type { Candidate } from '../detect/detector.js';
import type { Hint, TokenHint } from '../detect/hints.js';
import type { RuleSpec } from '../rules/types.js';

declare module '../core/types.js' {
  interface Token {
    /** Why no provider may be asked (an assembled login with no host or no user): the token stays unverified with this reason. */
    unverifiable?: string;
  }
}

/**
 * Folds candidates into one token per distinct secret (id = sha256 of the secret, or of its
 * parts joined with `:`; keyed for guessable secrets, see token-id.ts), keeping every location. When two rules find the same secret, the
 * rule that `supersedes` the other names it (a GCP key file over a bare PEM key).
 */
export class TokenSet {
  readonly #tokens = new Map<string, Token>();
  readonly #rules: Map<string, RuleSpec>;

  constructor(rules: readonly RuleSpec[]) {
    this.#rules = new Map(rules.map((r) => [r.id, r]));
  }

  /** Adds one finding; `context` are hints about its whole file or repository (e.g. the git remotes). */
  add(candidate: Candidate, location: Location, context: readonly Hint[] = []): void {
    const { id, kind: idKind } = secretId(candidate.secret);
    const existing = this.#tokens.get(id);
    const hints = [...(candidate.hints ?? []), ...context].map((h): TokenHint => ({ ...h, file: h.file ?? location.file }));
    // An assembled login is found at its password and at each other part's line.
    const locations = [
      location,
      ...(candidate.also ?? []).map((at) => ({ ...location, line: at.line, column: at.column, ...(at.file ? { file: at.file } : {}) })),
    ];
    if (existing) {
      for (const at of locations) if (!existing.locations.some((l) => sameLocation(l, at))) existing.locations.push(at);
      addHints(existing, hints);
      if (this.#rules.get(candidate.ruleId)?.supersedes.includes(existing.ruleId)) this.#adopt(existing, candidate);
      if (candidate.extras) existing.extras = { ...extrasOf(candidate), ...existing.extras };
      return;
    }
    const rule = this.#rules.get(candidate.ruleId)!;
    this.#tokens.set(id, {
      id,
      ...(idKind === 'keyed' ? { idKind } : {}),
      ruleId: rule.id,
      provider: rule.provider,
      kind: rule.kind,
      redacted: candidate.redacted,
      locations,
      secret: new Secret(candidate.secret, rule.redactPrefix ?? 0, candidate.identifiers?.filter((v) => candidate.secret.split(':').includes(v)) ?? []),
      extras: candidate.extras && extrasOf(candidate),
      ...(hints.length ? { hints } : {}),
      ...(candidate.unverifiable ? { unverifiable: candidate.unverifiable } : {}),
    });
  }

  #adopt(token: Token, candidate: Candidate): void {
    const rule = this.#rules.get(candidate.ruleId)!;
    token.ruleId = rule.id;
    token.provider = rule.provider;
    token.kind = rule.kind;
    token.redacted = candidate.redacted;
  }

  /** Tokens in a stable order: by first location, then id. */
  tokens(): Token[] {
    const all = [...this.#tokens.values()];
    for (const token of all) token.locations.sort(compareLocations);
    return all.sort((a, b) => compareLocations(a.locations[0], b.locations[0]) || compareText(a.id, b.id));
  }
}

function addHints(token: Token, hints: readonly TokenHint[]): void {
  for (const hint of hints) {
    const known = token.hints?.some((h) => h.name === hint.name && h.value === hint.value && h.file === hint.file && h.line === hint.line);
    if (!known) (token.hints ??= []).push(hint);
  }
}

/** The parts found beside the credential, each marked when it identifies rather than authenticates. */
function extrasOf(candidate: Candidate): Record<string, Secret> {
  const identifiers = new Set(candidate.identifiers ?? []);
  return Object.fromEntries(Object.entries(candidate.extras ?? {}).map(([k, v]) => [k, new Secret(v, 0, identifiers.has(v) ? [v] : [])]));
}

function sameLocation(a: Location, b: Location): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column && a.root === b.root && a.commit === b.commit;
}

export function compareLocations(a: Location, b: Location): number {
  return compareText(a.root ?? '', b.root ?? '') || compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}
