import { loadRules } from '../src/rules/load.js';

/**
 * A made-up GitHub token with a valid checksum, taken from the first positive example of the
 * github.classic-pat rule, so the benchmarks plant what the scanner must find without keeping a
 * token-shaped literal of their own.
 */
export function sampleGithubToken(): string {
  const rule = loadRules().find((r) => r.id === 'github.classic-pat')!;
  const example = rule.examples.match[0];
  const secret = new RegExp(rule.pattern, rule.flags).exec(typeof example === 'string' ? example : example.text)?.[1];
  if (!secret) throw new Error('github.classic-pat has no example token');
  return secret;
}
