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
