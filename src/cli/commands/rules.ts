import { UsageError } from '../../core/errors.js';
import { rulesFor } from '../../rules/builtin.js';
import { checkRuleExamples, rulesMarkdownTable } from '../../rules/check.js';
import { loadRules } from '../../rules/load.js';
import { EXIT, type RunContext, type RunResult } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { resolvePath } from '../scan-options.js';

/** `blastradius rules [list|check|markdown] [--rules DIR]`. */
export async function rulesCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const parsed = parseFlags(argv, { rules: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } });
  const [action = 'list', ...rest] = parsed.positionals;
  if (rest.length) throw new UsageError(`rules: unexpected argument "${rest[0]}"`);
  const dirs = ((parsed.values.rules as string[] | undefined) ?? []).map((d) => resolvePath(ctx, d));
  switch (action) {
    case 'list': {
      const rules = rulesFor(dirs);
      const width = Math.max(...rules.map((r) => r.id.length));
      return { exitCode: EXIT.clean, stdout: `${rules.map((r) => `${r.id.padEnd(width)}  ${r.description}`).join('\n')}\n`, stderr: '' };
    }
    case 'markdown':
      return { exitCode: EXIT.clean, stdout: `${rulesMarkdownTable(rulesFor(dirs))}\n`, stderr: '' };
    case 'check': {
      // With --rules, check only that pack; without, the built-in rules.
      const rules = dirs.length ? loadRules(dirs) : rulesFor();
      const failures = checkRuleExamples(rules);
      const lines = failures.map((f) => `${f.ruleId}: examples.${f.kind}[${f.index}] ${f.problem}`);
      const examples = rules.reduce((n, r) => n + r.examples.match.length + r.examples.noMatch.length, 0);
      lines.push(`${rules.length} rules, ${examples} examples, ${failures.length} failing`);
      return { exitCode: failures.length ? EXIT.gateFailed : EXIT.clean, stdout: `${lines.join('\n')}\n`, stderr: '' };
    }
    default:
      throw new UsageError(`rules: unknown action "${action}" (list, check, markdown)`);
  }
}
