import type { Provider } from './types.js';

/**
 * Provider id (= the `provider` of its rules = its folder under src/providers/) → lazy loader.
 * Lazy so that the pre-commit hook and offline scans never load Octokit or the AWS SDK.
 * A test checks that these keys and the provider folders agree.
 */
export const PROVIDER_LOADERS: Readonly<Record<string, () => Promise<{ default: Provider }>>> = {
  anthropic: () => import('./anthropic/index.js'),
  aws: () => import('./aws/index.js'),
  azure: () => import('./azure/index.js'),
  cloudflare: () => import('./cloudflare/index.js'),
  digitalocean: () => import('./digitalocean/index.js'),
  gcp: () => import('./gcp/index.js'),
  github: () => import('./github/index.js'),
  gitlab: () => import('./gitlab/index.js'),
  npm: () => import('./npm/index.js'),
  openai: () => import('./openai/index.js'),
  postgres: () => import('./postgres/index.js'),
  railway: () => import('./railway/index.js'),
  sendgrid: () => import('./sendgrid/index.js'),
  slack: () => import('./slack/index.js'),
  stripe: () => import('./stripe/index.js'),
  supabase: () => import('./supabase/index.js'),
  twilio: () => import('./twilio/index.js'),
};

/**
 * Providers that decode their tokens offline (no network call): the only ones `--offline` runs.
 * Known here so that an offline scan never loads the other modules (and their SDKs) to ask.
 */
export const OFFLINE_PROVIDERS: ReadonlySet<string> = new Set(['azure', 'gcp', 'supabase']);

const loaded = new Map<string, Provider>();

export async function loadProvider(id: string): Promise<Provider | undefined> {
  const cached = loaded.get(id);
  if (cached) return cached;
  const load = PROVIDER_LOADERS[id];
  if (!load) return undefined;
  const provider = (await load()).default;
  loaded.set(id, provider);
  return provider;
}
