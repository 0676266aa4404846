import { describe, expect, it } from 'vitest';
import { quantifierProblem } from '../src/rules/quantifiers.js';
import { parseRuleDocument } from '../src/rules/load.js';

describe('rule patterns must have bounded work', () => {
  it.each([
    ['\\b(ghp_[A-Za-z0-9]{36})\\b'],
    ['(?:[0-9]{1,16}-){1,3}[a-z]{24,64}'],
    ['"k"\\s{0,8}:\\s?"([^"]{1,64})"'],
    ['[+*]{2}(a|b)?x{1,3}?'],
    ['(-----BEGIN [A-Z ]{0,20}KEY-----[\\s\\S]{64,16384}?-----END)'],
  ])('accepts %s', (pattern) => {
    expect(quantifierProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['(a+)+$', /unbounded quantifier "\+"/],
    ['postgres://[^:]+:[^@]*@', /unbounded quantifier "\+"/],
    ['x{3,}', /unbounded quantifier "\{3,\}"/],
    ['x{1,20000}', /repeats more than 16384 times/],
    ['(?:a{1,5}b){1,100}', /nested quantifier/],
    ['((?:a{1,2}){1,2}){1,50}', /nested quantifier/],
  ])('refuses %s', (pattern, message) => {
    expect(quantifierProblem(pattern)).toMatch(message);
  });

  it('a custom rule pack with a catastrophic-backtracking regex is refused at load, naming file, rule and field', () => {
    const doc = {
      provider: 'acme',
      rules: [{ id: 'acme.key', description: 'd', keywords: ['acme'], pattern: '(acme_(?:a+)+)', examples: { match: ['acme_a'], noMatch: ['x'] } }],
    };
    expect(() => parseRuleDocument(doc, 'acme.yaml')).toThrow(/^acme\.yaml: rule acme\.key: field "pattern" unbounded quantifier "\+"/);
  });
});
