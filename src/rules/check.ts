import { Detector } from '../detect/detector.js';
import type { Example, RuleSpec } from './types.js';

export interface ExampleFailure {
  ruleId: string;
  kind: 'match' | 'noMatch';
  index: number;
  problem: string;
}

/** Runs every rule's own examples: a match example must be found by the rule, a noMatch example must not. */
export function checkRuleExamples(rules: readonly RuleSpec[]): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  for (const rule of rules) {
    const detector = new Detector([rule]);
    const run = (example: Example) =>
      typeof example === 'string' ? detector.detectText(example, 'example.txt') : detector.detectText(example.text, example.path);
    rule.examples.match.forEach((example, index) => {
      const found = run(example).filter((c) => c.ruleId === rule.id);
      if (found.length === 0) failures.push({ ruleId: rule.id, kind: 'match', index, problem: 'not detected' });
      const wanted = typeof example === 'string' ? {} : (example.hints ?? {});
      for (const [name, value] of Object.entries(wanted)) {
        if (!found.some((c) => c.hints?.some((h) => h.name === name && h.value === value))) {
          failures.push({ ruleId: rule.id, kind: 'match', index, problem: `hint ${name}=${value} not found` });
        }
      }
    });
    rule.examples.noMatch.forEach((example, index) => {
      const found = run(example);
      if (found.length > 0) failures.push({ ruleId: rule.id, kind: 'noMatch', index, problem: `detected ${found[0].redacted}` });
    });
  }
  return failures;
}

/** The README's rules table, generated from the rule files. */
export function rulesMarkdownTable(rules: readonly RuleSpec[]): string {
  const rows = rules.map(
    (r) =>
      `| \`${r.id}\` | ${r.provider} | ${r.description} | ${[r.validate && `checksum: ${r.validate}`, r.context && 'needs context', r.parts && 'multi-part'].filter(Boolean).join(', ') || '-'} |`,
  );
  return ['| rule | provider | finds | checks |', '|---|---|---|---|', ...rows].join('\n');
}
