import { createRequire } from 'node:module';

let parser: typeof import('yaml') | undefined;

/**
 * YAML parsing, with the `yaml` package loaded on first use: it is the largest module the CLI
 * loads at start-up, and the pre-commit hook (compiled rules, usually no project config) never needs it.
 */
export function parseYaml(text: string): unknown {
  parser ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parser.parse(text);
}

/**
 * A YAML syntax error as one sentence: `at line 3, column 3: flow sequence … must end with a ]`.
 * The parser's own message ends in a colon and an excerpt of the file (which may hold a secret).
 */
export function yamlProblem(error: unknown): string {
  const e = error as { message?: string; linePos?: { line: number; col: number }[] } | undefined;
  const reason = String(e?.message ?? error)
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/:$/, '');
  const at = e?.linePos?.[0];
  const lowered = reason.charAt(0).toLowerCase() + reason.slice(1);
  return at ? `at line ${at.line}, column ${at.col}: ${lowered}` : lowered;
}
