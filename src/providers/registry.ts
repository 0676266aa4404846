import anthropic from './anthropic/manifest.js';
import aws from './aws/manifest.js';
import azure from './azure/manifest.js';
import cloudflare from './cloudflare/manifest.js';
import digitalocean from './digitalocean/manifest.js';
import gcp from './gcp/manifest.js';
import github from './github/manifest.js';
import gitlab from './gitlab/manifest.js';
import mongodb from './mongodb/manifest.js';
import mysql from './mysql/manifest.js';
import npm from './npm/manifest.js';
import openai from './openai/manifest.js';
import postgres from './postgres/manifest.js';
import railway from './railway/manifest.js';
import redis from './redis/manifest.js';
import sendgrid from './sendgrid/manifest.js';
import slack from './slack/manifest.js';
import stripe from './stripe/manifest.js';
import supabase from './supabase/manifest.js';
import twilio from './twilio/manifest.js';
import type { Provider, ProviderManifest } from './types.js';

/**
 * Every provider, by its manifest (id = the `provider` of its rules = its folder under
 * src/providers/). Manifests import no SDK: the verifying module is loaded lazily, so the
 * pre-commit hook and offline scans never load Octokit or the AWS SDK. Adding a provider is its
 * folder and one line here; a test checks that the folders and this list agree.
 */
export const PROVIDERS: readonly ProviderManifest[] = [
  anthropic,
  aws,
  azure,
  cloudflare,
  digitalocean,
  gcp,
  github,
  gitlab,
  mongodb,
  mysql,
  npm,
  openai,
  postgres,
  railway,
  redis,
  sendgrid,
  slack,
  stripe,
  supabase,
  twilio,
];

const byId = new Map(PROVIDERS.map((m) => [m.id, m]));

export function manifestOf(id: string): ProviderManifest | undefined {
  return byId.get(id);
}

/** Providers that decode their tokens offline (no network call): the only ones `--offline` runs. */
export const OFFLINE_PROVIDERS: ReadonlySet<string> = new Set(PROVIDERS.filter((m) => m.offline).map((m) => m.id));

const loaded = new Map<string, Provider>();

export async function loadProvider(id: string): Promise<Provider | undefined> {
  const cached = loaded.get(id);
  if (cached) return cached;
  const manifest = byId.get(id);
  if (!manifest) return undefined;
  const provider = (await manifest.load()).default;
  loaded.set(id, provider);
  return provider;
}
