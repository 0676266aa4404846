import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/core/paths.js';

/**
 * One outcome vocabulary for provider calls (src/providers/outcome.ts): a call gives its data, or
 * a failure `invalid` | `error` | `unverified` with a one-line reason. These checks read the source:
 * the per-provider unions it replaced, and their spellings of a failure, must not come back.
 */
const root = packageRoot();
const providersDir = join(root, 'src', 'providers');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const all = sources(join(root, 'src')).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

// A provider folder that calls the shared HTTP client, or speaks its outcome (AWS, over its SDK).
const SHARED = /from '\.\.\/(http|rest|graphql|outcome)\.js'/;
const httpProviders = readdirSync(providersDir)
  .filter((name) => statSync(join(providersDir, name)).isDirectory())
  .filter((name) => sources(join(providersDir, name)).some((path) => SHARED.test(readFileSync(path, 'utf8'))));

const OLD_UNIONS = ['AnthropicOutcome', 'RegistryOutcome', 'SendGridOutcome', 'OpenAIOutcome', 'GraphQLOutcome', 'CallOutcome'];
// How the old unions spelled a failed call; `invalid` / `error` / `unverified` say it now.
const OLD_KINDS = ['rejected', 'unauthorized', 'unreachable', 'forbidden', 'restricted', 'no-quota'];
const OLD_KIND = new RegExp(`\\b(kind|outcome)\\??\\s*(:|===|!==)\\s*(?:'[^']*'\\s*\\|\\s*)*'(${OLD_KINDS.join('|')})'`, 'g');
// A type literal `{ ok: false; kind | status | failure … }` declares a call outcome of its own.
const OWN_UNION = /\{\s*ok:\s*false\s*;\s*(kind|status|failure)\b/g;

describe('one outcome vocabulary for provider calls', () => {
  it('finds the providers that use the shared client (the checks below read them)', () => {
    for (const provider of [
      'anthropic',
      'atlas',
      'aws',
      'cloudflare',
      'digitalocean',
      'fly',
      'github',
      'gitlab',
      'heroku',
      'npm',
      'openai',
      'railway',
      'render',
      'sendgrid',
      'slack',
      'stripe',
      'twilio',
    ]) {
      expect(httpProviders).toContain(provider);
    }
  });

  it('the per-provider outcome unions are gone from src/', () => {
    const found = all.flatMap(({ path, text }) => OLD_UNIONS.filter((name) => new RegExp(`\\b${name}\\b`).test(text)).map((name) => `${path}: ${name}`));
    expect(found).toEqual([]);
  });

  it('no provider on the shared client declares an outcome union of its own, or spells a failure the old way', () => {
    const files = all.filter(({ path }) => httpProviders.some((provider) => path.startsWith(`${join('src', 'providers', provider)}/`)));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap(({ path, text }) => [...text.matchAll(OWN_UNION), ...text.matchAll(OLD_KIND)].map((m) => `${path}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it('the shared outcome has the three failure words, and the shapes above are what these checks catch', () => {
    const outcome = readFileSync(join(providersDir, 'outcome.ts'), 'utf8');
    expect(outcome).toMatch(/export type FailureKind = 'invalid' \| 'error' \| 'unverified';/);
    // The old spellings, as they were written, are caught.
    expect("| { ok: false; kind: 'rejected' | 'failed' | 'unreachable'; status?: number; message: string }".match(OWN_UNION)).not.toBeNull();
    expect("{ ok: false; kind: 'unauthorized' | 'failed' | 'unreachable'; message: string }".match(OLD_KIND)).not.toBeNull();
    expect("if (whoami.kind === 'rejected') return".match(OLD_KIND)).not.toBeNull();
    expect("outcome: 'read' | 'rejected' | 'refused' | 'failed'".match(OLD_KIND)).not.toBeNull();
    // An object value (commas) is not a type; the shared words pass.
    expect("return { ok: false, kind: 'error', reason }".match(OWN_UNION)).toBeNull();
    expect("if (answer.kind === 'invalid') return".match(OLD_KIND)).toBeNull();
  });
});
