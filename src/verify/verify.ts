import { errorMessage } from '../core/errors.js';
import { scrub } from '../core/secret.js';
import { secretId } from '../core/token-id.js';
import type { Token, VerificationResult } from '../core/types.js';
import { unknownError } from '../providers/result.js';
import { OFFLINE_PROVIDERS, decodesOffline, loadProvider, manifestOf } from '../providers/registry.js';
import type { Provider, ProviderContext } from '../providers/types.js';
import { VerificationCache } from './cache.js';
import { DEFAULT_LIMITS, type LimitSettings, RequestLimits } from './limits.js';
import type { CanaryFinding } from '../providers/types.js';
import { safeDecode } from '../core/uri.js';

export interface VerifyOptions {
  offline: boolean;
  context: ProviderContext;
  /** Tokens verified at the same time, all providers together. */
  concurrency: number;
  /** Per provider and per host bounds (default DEFAULT_LIMITS; a manifest's `limits` overrides per provider). */
  limits?: Partial<LimitSettings>;
  cache?: VerificationCache;
  /** Called as each token is answered (progress in the TUI). */
  onVerified?: (tokenId: string, result: VerifiedResult) => void;
  /** Verify known canary tokens too (--verify-canaries): using one alerts whoever planted it. */
  verifyCanaries?: boolean;
  /** Provider lookup; tests may inject, the CLI uses the registry. */
  providerFor?: (providerId: string) => Promise<Provider | undefined>;
}

export type VerifiedResult = VerificationResult & { endpoints?: string[]; cached?: boolean; verifiedIn?: string };

/**
 * Asks each token's own provider (never another's) what the token can do. One failing or hanging
 * provider never loses the others: every token ends with a result or stays unverified.
 * `--offline` runs only offline decoders (no network call at all).
 */
export async function verifyTokens(tokens: readonly Token[], options: VerifyOptions): Promise<Map<string, VerifiedResult>> {
  const results = new Map<string, VerifiedResult>();
  const providerFor = options.providerFor ?? loadProvider;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const requests = new RequestLimits(limits.perHost, (id) => manifestOf(id)?.limits?.rate);
  const verifyToken = async (token: Token) => {
    // A login assembled without a host (or a user) is never sent anywhere: it stays unverified, and says why.
    if (token.unverifiable) {
      const result = unverifiable(token.unverifiable);
      results.set(token.id, result);
      options.onVerified?.(token.id, result);
      return;
    }
    // Offline: canaries are still recognised, and only offline decoders are loaded at all.
    const canary = manifestOf(token.provider)?.canary?.(token);
    if (options.offline && !canary && !OFFLINE_PROVIDERS.has(token.provider)) return;
    const provider = await providerFor(token.provider);
    if (!provider?.rules.includes(token.ruleId)) return;
    if (canary && !options.verifyCanaries) {
      const result = canaryResult(canary);
      results.set(token.id, result);
      options.onVerified?.(token.id, result);
      return;
    }
    if (options.offline && !decodesOffline(provider, token.ruleId)) return;
    const result = await verifyOne(token, provider, options, requests);
    results.set(token.id, result);
    options.onVerified?.(token.id, result);
  };
  // One provider's tokens never take every slot: a slow provider cannot starve the others.
  const perProvider = (token: Token) => manifestOf(token.provider)?.limits?.concurrency ?? limits.perProvider;
  await runBounded(tokens, Math.max(1, options.concurrency), (token) => token.provider, perProvider, verifyToken);
  options.cache?.save();
  return results;
}

/** Runs `task` over `items`, at most `total` at once and at most `capOf(item)` per key; an item whose key is full waits, the next is taken. */
async function runBounded<T>(
  items: readonly T[],
  total: number,
  keyOf: (item: T) => string,
  capOf: (item: T) => number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const pending = [...items];
  const running = new Map<string, number>();
  let waiting: (() => void)[] = [];
  const take = (): T | 'full' | undefined => {
    if (pending.length === 0) return undefined;
    const index = pending.findIndex((item) => (running.get(keyOf(item)) ?? 0) < capOf(item));
    return index === -1 ? 'full' : pending.splice(index, 1)[0];
  };
  const worker = async () => {
    for (let item = take(); item !== undefined; item = take()) {
      if (item === 'full') {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const key = keyOf(item);
      running.set(key, (running.get(key) ?? 0) + 1);
      try {
        await task(item);
      } finally {
        running.set(key, running.get(key)! - 1);
        const wake = waiting;
        waiting = [];
        for (const resolve of wake) resolve();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(total, items.length) }, worker));
}

async function verifyOne(token: Token, provider: Provider, options: VerifyOptions, requests: RequestLimits): Promise<VerifiedResult> {
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
  const cached = decodesOffline(provider, token.ruleId) ? undefined : options.cache?.get(key);
  if (cached) return { ...cached, cached: true };
  // A provider gets a generous overall budget; past it the token is "unknown", never "invalid".
  const budgetMs = ctx.timeoutMs * (ctx.retries + 1) * 6 + 1000;
  let timer: NodeJS.Timeout | undefined;
  let result: VerificationResult;
  try {
    result = await Promise.race([
      provider.verify(token, { ...ctx, log: (m) => ctx.log(scrub(m, secrets)), requestGate: (url) => requests.acquire(provider.id, url) }),
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
