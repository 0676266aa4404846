/**
 * The process environment as one dotenv text (`--env`): every rule and the login assembly read it
 * like a `.env` file, and each finding is placed at its variable's name — the value is never shown.
 * Multi-line values (a PEM key) are written with `\n` escapes, as the rules read them in JSON.
 */
export interface EnvironmentText {
  text: string;
  /** Variable name of each 1-based line. */
  names: string[];
}

export const ENVIRONMENT_ROOT = 'env';

export function environmentText(env: NodeJS.ProcessEnv): EnvironmentText {
  const names = Object.keys(env)
    .filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && typeof env[name] === 'string' && env[name] !== '')
    .sort();
  const text = names.map((name) => `${name}=${env[name]!.replace(/\r?\n/g, '\\n')}`).join('\n');
  return { text, names };
}
