import { errorMessage } from '../core/errors.js';
import { scrub } from '../core/secret.js';
import { secretId } from '../core/token-id.js';
import type { Token, VerificationResult } from '../core/types.js';
import { unknownError } from '../providers/result.js';
import { OFFLINE_PROVIDERS, loadProvider, manifestOf } from '../providers/registry.js';
import type { Provider, ProviderContext } from '../providers/types.js';
import { VerificationCache } from './cache.js';
import type { CanaryFinding } from '../providers/types.js';

export interface VerifyOptions {
  offline: boolean;
  context: ProviderContext;
  /** Tokens verified at the same time (bounded, so one slow provider cannot starve the rest). */
  concurrency: number;
  cache?: VerificationCache;
  /** Called as each token is answered (progress in the TUI). */
  onVerified?: (tokenId: string, result: VerifiedResult) => void;
  /** Verify known canary tokens too (--verify-canaries): using one alerts whoever planted it. */
  verifyCanaries?: boolean;
  /** Provider lookup; tests may inject, the CLI uses the registry. */
  providerFor?: (providerId: string) => Promise<Provider | undefined>;
}

export type VerifiedResult = VerificationResult & { endpoints?: string[]; cached?: boolean };

/**
 * Asks each token's own provider (never another's) what the token can do. One failing or hanging
 * provider never loses the others: every token ends with a result or stays unverified.
 * `--offline` runs only offline decoders (no network call at all).
 */
export async function verifyTokens(tokens: readonly Token[], options: VerifyOptions): Promise<Map<string, VerifiedResult>> {
  const results = new Map<string, VerifiedResult>();
  const providerFor = options.providerFor ?? loadProvider;
  const queue = [...tokens];
  const worker = async () => {
    for (let token = queue.shift(); token; token = queue.shift()) {
      // A login assembled without a host (or a user) is never sent anywhere: it stays unverified, and says why.
      if (token.unverifiable) {
        const result = unverifiable(token.unverifiable);
        results.set(token.id, result);
        options.onVerified?.(token.id, result);
        continue;
      }
      // Offline: canaries are still recognised, and only offline decoders are loaded at all.
      const canary = manifestOf(token.provider)?.canary?.(token);
      if (options.offline && !canary && !OFFLINE_PROVIDERS.has(token.provider)) continue;
      const provider = await providerFor(token.provider);
      if (!provider || !provider.rules.includes(token.ruleId)) continue;
      if (canary && !options.verifyCanaries) {
        const result = canaryResult(canary);
        results.set(token.id, result);
        options.onVerified?.(token.id, result);
        continue;
      }
      if (options.offline && !provider.offline) continue;
      const result = await verifyOne(token, provider, options);
      results.set(token.id, result);
      options.onVerified?.(token.id, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  options.cache?.save();
  return results;
}

async function verifyOne(token: Token, provider: Provider, options: VerifyOptions): Promise<VerifiedResult> {
  const ctx = options.context;
  const secrets = secretsOf(token);
  const endpoint = endpointSignature(provider.id, ctx);
  // The parts found next to a token (a session token, a Region) change the verdict: they are part of the key.
  const parts = Object.entries(token.extras ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${secretId(value.reveal()).id}`)
    .join(',');
  // So do the hints around it (the host it belongs to): a changed context must not reuse an old verdict.
  const hints = [...new Set((token.hints ?? []).map((h) => `${h.name}=${h.value}`))].sort().join(',');
  const variant = [parts, hints].filter(Boolean).join('|');
  const key = VerificationCache.key(variant ? `${token.id}+${variant}` : token.id, provider.id, endpoint);
  const cached = provider.offline ? undefined : options.cache?.get(key);
  if (cached) return { ...cached, cached: true };
  // A provider gets a generous overall budget; past it the token is "unknown", never "invalid".
  const budgetMs = ctx.timeoutMs * (ctx.retries + 1) * 6 + 1000;
  let timer: NodeJS.Timeout | undefined;
  let result: VerificationResult;
  try {
    result = await Promise.race([
      provider.verify(token, { ...ctx, log: (m) => ctx.log(scrub(m, secrets)) }),
      new Promise<VerificationResult>((resolve) => {
        timer = setTimeout(() => resolve(unknownError(`${provider.id}: no answer within ${Math.round(budgetMs / 1000)} s`)), budgetMs);
      }),
    ]);
  } catch (error) {
    result = unknownError(`${provider.id}: ${errorMessage(error)}`);
  } finally {
    clearTimeout(timer);
  }
  const clean = scrubDeep(result, secrets);
  options.cache?.set(key, clean);
  return endpoint ? { ...clean, endpoints: endpoint.split(',') } : clean;
}

function unverifiable(reason: string): VerifiedResult {
  return { status: 'unverified', detail: reason, grants: [], resources: [], protections: [], unknowns: [], notes: [] };
}

/** A canary is reported as such and never sent to its provider (that would trip the alarm). */
function canaryResult(canary: CanaryFinding): VerifiedResult {
  return {
    status: 'canary',
    detail: `a canary token issued by ${canary.issuer} (AWS account ${canary.account}, decoded offline): not verified, because using it would alert whoever planted it; --verify-canaries to override`,
    identity: { principal: `aws-account:${canary.account}`, account: canary.account, type: 'canary' },
    grants: [],
    resources: [],
    protections: [],
    unknowns: [],
    notes: ['Someone planted this key to detect intruders: leave it where it is, or tell its owner.'],
  };
}

/**
 * The clear-text secrets of a token (and their parts), to scrub from anything a provider returns.
 * Parts a rule marks as identifiers (an account SID, a client email, a Region) are left in clear:
 * they are what a principal is called, and scrubbing them hides who the token acts as.
 */
export function secretsOf(token: Token): string[] {
  const main = token.secret.reveal();
  const extras = Object.values(token.extras ?? {});
  const identifiers = new Set([...token.secret.identifiers, ...extras.flatMap((s) => s.identifiers)]);
  const parts = [...extras.map((s) => s.reveal()).filter((p) => !identifiers.has(p))];
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i.exec(main)?.[1];
  if (password) parts.push(password, safeDecode(password));
  // Multi-part ids (AWS KEYID:SECRET, Twilio SID:TOKEN): each long part is a secret on its own.
  else parts.push(...main.split(':').filter((p) => p.length >= 16 && !identifiers.has(p)));
  // The whole value is always a secret, whatever its parts.
  return [...new Set([main, ...parts])];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Defence in depth: whatever a provider returned, no string in it may carry the secret. */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return scrub(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, secrets)])) as T;
  }
  return value;
}

/** Non-default endpoints in effect for a provider (named in the report; part of the cache key): its manifest's `endpointEnv`. */
export function endpointSignature(providerId: string, ctx: ProviderContext): string {
  const env = ctx.env;
  const upper = providerId.toUpperCase().replace(/-/g, '_');
  const found = [ctx.apiUrls[providerId], env[`BLASTRADIUS_${upper}_API_URL`]];
  for (const name of manifestOf(providerId)?.endpointEnv ?? []) {
    if (!name.endsWith('*')) found.push(env[name]);
    else for (const [k, v] of Object.entries(env)) if (k.startsWith(name.slice(0, -1))) found.push(v);
  }
  return [...new Set(found.filter((v): v is string => typeof v === 'string' && v.length > 0))].join(',');
}
