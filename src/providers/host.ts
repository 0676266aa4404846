import type { TokenHint } from '../detect/hints.js';
import type { VerificationResult } from '../core/types.js';
import { notAsked } from './result.js';

/**
 * Which server a token of a self-hostable provider (GitHub Enterprise Server, self-managed GitLab)
 * belongs to, from the context it was found in, and whether it may be sent to the one API the
 * user configured.
 *
 * The rule (DESIGN.md, trust boundaries): the scanned workspace may NAME a token's host, never
 * choose where the token goes. A token is sent only to the configured API (flag, user config or
 * the scanning user's environment; the provider's public API by default), and only when its
 * context names that host or names no host at all. A token whose context names another host —
 * the public one while a private server is configured, or any other server, which could be
 * `https://attacker.example` written next to the token — is not sent anywhere: `unverified`,
 * with the host it belongs to and the setting that would verify it.
 * A refusal (401) counts as `invalid` only when the context named the configured host: without
 * host evidence the token may belong to another server, and a 401 here proves nothing.
 */

/** How much a hint says about the token's host: 1 bound to the token itself, 2 same file, 3 the repository. */
export type HostTier = 1 | 2 | 3;

export interface HostRules {
  /** The provider's public host, e.g. github.com. */
  publicHost: string;
  /** Hint names (rule `hints`, git remote) that name a host, with their weight and how to cite them. */
  hints: Record<string, { tier: HostTier; label: string }>;
  /** Hint names that say "a self-hosted server" without naming it (GH_ENTERPRISE_TOKEN). */
  privateMarkers?: string[];
  /** A hint value (host or URL) as the host the provider's tokens belong to, or undefined if not a host. */
  hostOf(value: string): string | undefined;
  /** The setting that would verify a token of `host`, e.g. "GITHUB_API_URL=https://HOST/api/v3". */
  configureFor(host: string): string;
}

export type HostDecision =
  /** Send to the configured API. `named`: the context named that host, so its 401 is definitive. */
  { send: true; named?: string; elsewhere?: string } | { send: false; reason: string; settle: string };

interface Evidence {
  host: string;
  tier: HostTier;
  source: string;
}

const where = (hint: TokenHint) => (hint.line > 0 ? `${hint.file}:${hint.line}` : hint.file);

function evidenceOf(hints: readonly TokenHint[], rules: HostRules, configured: string): { found: Evidence[]; elsewhere?: string } {
  const found: Evidence[] = [];
  let elsewhere: string | undefined;
  for (const hint of hints) {
    const kind = rules.hints[hint.name];
    const host = kind && rules.hostOf(hint.value);
    if (!kind || !host) continue;
    // A repository's remote says where its code lives, not where each token in it belongs: it
    // counts only for hosts the token could be sent to anyway.
    if (kind.tier === 3 && host !== rules.publicHost && host !== configured) {
      elsewhere ??= host;
      continue;
    }
    found.push({ host, tier: kind.tier, source: `${kind.label} (${where(hint)})` });
  }
  return { found, elsewhere };
}

/**
 * The host name a host or URL names (lowercase, no trailing dot), or undefined when it is not one a
 * token could be sent to: not a URL, characters a DNS name cannot hold, or a single label other
 * than localhost. Each provider's `hostOf` maps it to the instance it belongs to.
 */
export function hostnameOf(value: string): string | undefined {
  let host: string;
  try {
    host = new URL(value.includes('://') ? value : `https://${value}`).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
  if (!/^[a-z0-9.-]{1,253}$/.test(host) || (!host.includes('.') && host !== 'localhost')) return undefined;
  return host;
}

/** Decides where (and whether) a token goes; `configured` is the configured API's host. */
export function decideHost(hints: readonly TokenHint[], rules: HostRules, configured: string): HostDecision {
  const { found, elsewhere } = evidenceOf(hints, rules, configured);
  const strongest = found.length ? Math.min(...found.map((e) => e.tier)) : undefined;
  const named = found.filter((e) => e.tier === strongest);
  const hosts = [...new Set(named.map((e) => e.host))];
  if (hosts.length > 1) {
    const list = hosts.map((h) => `${h} (${named.find((e) => e.host === h)!.source})`).join(' and ');
    return {
      send: false,
      reason: `host ambiguous: its context names ${list}; not sent to either`,
      settle: `remove the stale host, or verify with ${rules.configureFor(hosts[0])}`,
    };
  }
  if (hosts.length === 1) {
    const [host] = hosts;
    const source = named[0].source;
    if (host === configured) return { send: true, named: `${host}, named by ${source}` };
    const fix = host === rules.publicHost ? `run without the API override (the configured API is ${configured})` : rules.configureFor(host);
    return { send: false, reason: `belongs to ${host} (${source}), not to the configured API at ${configured}; not sent`, settle: fix };
  }
  const marker = hints.find((h) => rules.privateMarkers?.includes(h.name));
  if (marker && configured === rules.publicHost) {
    return {
      send: false,
      reason: `host unknown: ${marker.value} (${where(marker)}) marks a token of a self-hosted server, which its context does not name; not sent to ${rules.publicHost}`,
      settle: rules.configureFor('<its server>'),
    };
  }
  return { send: true, ...(elsewhere ? { elsewhere } : {}) };
}

/** The answer for a token that was not sent: nothing is known, and why is one line. */
export function unverifiedHost(reason: string, settle: string): VerificationResult {
  return notAsked(reason, [{ what: 'everything this token can do', reason, upTo: 'admin', settle }]);
}

/** Why a refusal from an API the context did not name is no verdict. */
export function refusalWithoutHost(refusal: string, configured: string, decision: Extract<HostDecision, { send: true }>): string {
  const remote = decision.elsewhere ? ` (the repository's remote is ${decision.elsewhere})` : '';
  return `host unknown: ${configured} refused it (${refusal}), but nothing around the token names ${configured}${remote}; it may belong to another server, so this is not a verdict`;
}
