import type { RuleSpec } from '../rules/types.js';
import type { AssembledLogin } from './assemble/index.js';
import type { Candidate, SpannedCandidate } from './detector.js';
import { redactUrl } from './redact.js';

type Position = (offset: number) => { line: number; column: number; allowed: boolean };

/**
 * Assembled logins as candidates. The canonical URL is handed to every rule, so the URL rule of its
 * scheme decides (its own placeholder and default-password checks apply) and names the rule and
 * provider; the candidate is placed at the password, with every other part's line as well.
 * A login that cannot be verified (no host, no user) is reported under its kind's rule as it is.
 */
export function assembledCandidates(
  logins: readonly AssembledLogin[],
  match: (url: string) => SpannedCandidate[],
  ruleById: (id: string) => RuleSpec | undefined,
  position: Position,
): SpannedCandidate[] {
  const out: SpannedCandidate[] = [];
  for (const login of logins) {
    const at = position(login.password.offset);
    const also = login.parts
      .map((p) => position(p.offset))
      .filter((p, i, all) => p.line !== at.line && all.findIndex((q) => q.line === p.line) === i)
      .map(({ line, column }) => ({ line, column }));
    const spans: [number, number][] = [
      [login.password.offset, login.password.length],
      ...login.parts.filter((p) => p.length > 0).map((p): [number, number] => [p.offset, p.length]),
    ];
    const environment = login.environment ? [{ name: 'environment', value: login.environment, line: at.line }] : [];
    let found: SpannedCandidate | undefined;
    if (login.unverifiable) {
      const rule = ruleById(login.ruleId);
      if (!rule) continue;
      found = {
        ruleId: rule.id,
        secret: login.url,
        redacted: redactUrl(login.url),
        line: 0,
        column: 0,
        allowed: false,
        spans: [],
        fallback: rule.fallback ?? 0,
        unverifiable: login.unverifiable,
      };
    } else {
      // The lowest fallback level wins: a GitHub token in a netrc login before the generic URL rule.
      const matches = match(login.url);
      found = matches.sort((a, b) => a.fallback - b.fallback)[0];
      if (!found) continue;
    }
    out.push({
      ...found,
      line: at.line,
      column: at.column,
      allowed: at.allowed,
      ...(also.length ? { also } : {}),
      ...(found.hints || environment.length ? { hints: [...(found.hints ?? []).map((h) => ({ ...h, line: at.line })), ...environment] } : {}),
      spans,
      fallback: found.fallback,
      assembled: true,
    });
  }
  return out;
}

/**
 * Spans (offset, length) for overlap queries in O(log n): sorted by start, with the running maximum
 * of their ends, so a generated file of thousands of findings never costs a quadratic pass.
 */
class SpanIndex {
  readonly #starts: number[];
  readonly #maxEnds: number[];

  constructor(spans: readonly (readonly [number, number])[]) {
    const sorted = spans.map(([start, length]) => [start, start + Math.max(length, 1)] as const).sort((a, b) => a[0] - b[0]);
    this.#starts = sorted.map((s) => s[0]);
    let max = -Infinity;
    this.#maxEnds = sorted.map((s) => (max = Math.max(max, s[1])));
  }

  overlaps([start, length]: readonly [number, number]): boolean {
    const end = start + Math.max(length, 1);
    // The last span that starts before `end`; any span up to it that ends after `start` overlaps.
    let low = 0;
    let high = this.#starts.length - 1;
    let last = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.#starts[mid] < end) {
        last = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return last >= 0 && this.#maxEnds[last] > start;
  }
}

/**
 * The last word of fallback rules: a candidate of level N is dropped when a candidate of a lower
 * level covers any of its text or carries the same value, or when it repeats a password that an
 * assembled login claimed (kept or dropped as a local default), or the encoded form of a value
 * that was decoded and detected on its own, or carries a specific rule's keyword (that rule refused
 * it). What remains loses its bookkeeping.
 */
export function resolveFallbacks(
  candidates: readonly SpannedCandidate[],
  claims: readonly [number, number][],
  encoded: readonly [number, number][],
  ownedByRule: (value: string) => boolean = () => false,
): Candidate[] {
  const levels = [...new Set(candidates.map((c) => c.fallback))].filter((l) => l > 0);
  const below = new Map(
    levels.map((level) => {
      const lower = candidates.filter((c) => c.fallback < level);
      const values = new Set(lower.flatMap((c) => [c.secret, ...c.secret.split(':')]));
      return [level, { spans: new SpanIndex(lower.flatMap((c) => c.spans)), values }] as const;
    }),
  );
  const claimed = new SpanIndex(claims);
  const encodedSpans = new SpanIndex(encoded);
  const kept = candidates.filter((candidate) => {
    if (candidate.fallback === 0) return true;
    const main = candidate.spans[0];
    if (!candidate.assembled && claimed.overlaps(main)) return false;
    if (!candidate.nested && encodedSpans.overlaps(main)) return false;
    const lower = below.get(candidate.fallback)!;
    if (!candidate.assembled && ownedByRule(candidate.secret)) return false;
    return !lower.values.has(candidate.secret) && !candidate.spans.some((span) => lower.spans.overlaps(span));
  });
  return kept.map(({ spans: _spans, fallback: _fallback, nested: _nested, assembled: _assembled, ...candidate }) => candidate);
}
