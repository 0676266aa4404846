/**
 * A static guard against patterns that can backtrack badly on hostile input: every quantifier
 * must be bounded ({m,n}, n ≤ MAX_REPEAT; `?` is fine), and a quantified group that itself
 * contains a quantifier may repeat at most MAX_NESTED_REPEAT times. With bounded quantifiers and
 * no deep nesting, the work at each start position is bounded by a constant, so a file costs
 * O(length × constant) whatever its content. Returns the problem, or undefined when the pattern passes.
 */
export const MAX_REPEAT = 16384;
export const MAX_NESTED_REPEAT = 16;

interface Quantifier {
  max: number;
  text: string;
  end: number;
}

export function quantifierProblem(pattern: string): string | undefined {
  const groups: { hasQuantifier: boolean }[] = [{ hasQuantifier: false }];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    let atomEnd: number;
    let atomHasQuantifier = false;
    if (ch === '\\') {
      atomEnd = i + 2;
    } else if (ch === '[') {
      atomEnd = classEnd(pattern, i);
    } else if (ch === '(') {
      groups.push({ hasQuantifier: false });
      i++;
      continue;
    } else if (ch === ')') {
      const group = groups.pop();
      if (!group || groups.length === 0) return `unbalanced ")" at offset ${i}`;
      atomHasQuantifier = group.hasQuantifier;
      atomEnd = i + 1;
    } else if (ch === '|' || ch === '^' || ch === '$') {
      i++;
      continue;
    } else {
      atomEnd = i + 1;
    }
    const quantifier = readQuantifier(pattern, atomEnd);
    if (quantifier) {
      if (!Number.isFinite(quantifier.max)) {
        return `unbounded quantifier "${quantifier.text}" at offset ${atomEnd}: use {m,n} with n ≤ ${MAX_REPEAT}, so that hostile input cannot make the scan quadratic`;
      }
      if (quantifier.max > MAX_REPEAT) return `quantifier "${quantifier.text}" at offset ${atomEnd} repeats more than ${MAX_REPEAT} times`;
      if (atomHasQuantifier && quantifier.max > MAX_NESTED_REPEAT) {
        return `nested quantifier: a group with a quantifier inside is repeated up to ${quantifier.max} times at offset ${atomEnd} (at most ${MAX_NESTED_REPEAT})`;
      }
      if (quantifier.max > 1) groups[groups.length - 1].hasQuantifier = true;
      else if (atomHasQuantifier) groups[groups.length - 1].hasQuantifier = true;
      i = quantifier.end;
    } else {
      if (atomHasQuantifier) groups[groups.length - 1].hasQuantifier = true;
      i = atomEnd;
    }
    // A group opener's own syntax ((?:, (?=, (?<name>) is consumed as plain atoms: harmless.
  }
  return groups.length === 1 ? undefined : 'unbalanced "("';
}

function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i + 1;
}

function readQuantifier(pattern: string, at: number): Quantifier | undefined {
  const ch = pattern[at];
  let q: Quantifier | undefined;
  if (ch === '*' || ch === '+') q = { max: Infinity, text: ch, end: at + 1 };
  else if (ch === '?') q = { max: 1, text: ch, end: at + 1 };
  else if (ch === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (!match) return undefined;
    const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
    q = { max, text: match[0], end: at + match[0].length };
  }
  if (q && (pattern[q.end] === '?' || pattern[q.end] === '+')) q.end++; // lazy (or possessive-looking) modifier
  return q;
}
