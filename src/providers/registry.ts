import anthropic from './anthropic/manifest.js';
import atlas from './atlas/manifest.js';
import aws from './aws/manifest.js';
import azure from './azure/manifest.js';
import cloudflare from './cloudflare/manifest.js';
import digitalocean from './digitalocean/manifest.js';
import fly from './fly/manifest.js';
import gcp from './gcp/manifest.js';
import github from './github/manifest.js';
import gitlab from './gitlab/manifest.js';
import heroku from './heroku/manifest.js';
import neon from './neon/manifest.js';
import mongodb from './mongodb/manifest.js';
import mysql from './mysql/manifest.js';
import npm from './npm/manifest.js';
import openai from './openai/manifest.js';
import planetscale from './planetscale/manifest.js';
import postgres from './postgres/manifest.js';
import railway from './railway/manifest.js';
import render from './render/manifest.js';
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
  atlas,
  aws,
  azure,
  cloudflare,
  digitalocean,
  fly,
  gcp,
  github,
  gitlab,
  heroku,
  neon,
  mongodb,
  mysql,
  npm,
  openai,
  planetscale,
  postgres,
  railway,
  render,
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

/** Providers that decode some of their tokens offline (no network call): the only ones `--offline` loads. */
export const OFFLINE_PROVIDERS: ReadonlySet<string> = new Set(
  PROVIDERS.filter((m) => m.offline === true || (Array.isArray(m.offline) && m.offline.length > 0)).map((m) => m.id),
);

/** Does this provider decode this rule's tokens offline (no network call at all)? */
export function decodesOffline(manifest: Pick<ProviderManifest, 'offline'>, ruleId: string): boolean {
  return manifest.offline === true || (Array.isArray(manifest.offline) && manifest.offline.includes(ruleId));
}

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
