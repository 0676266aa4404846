import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../core/types.js';
import type { RuleSpec } from '../rules/types.js';
import { locationPath, openQuestionText, possibleSeverity, tokenSeverity } from './format.js';
import type { Report, ReportToken } from './model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning ranks a security alert by `security-severity` on the RULE (reportingDescriptor),
// never on the result: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/**
 * The severity code scanning ranks: for a live token, its possible bound (what the gate fails on
 * by default, since unknown is never safe); otherwise the proven one. The message says both.
 */
export function rankedSeverity(token: ReportToken): Severity {
  return token.verification.status === 'live' ? possibleSeverity(token) : tokenSeverity(token);
}

/** One SARIF rule per detection rule and ranked severity, so GitHub ranks each alert by its own verdict. */
export function sarifRuleId(token: ReportToken): string {
  return `${token.ruleId}/${rankedSeverity(token)}`;
}

/**
 * SARIF 2.1.0 for code-scanning upload: one result per token location, paths from the repository
 * root (SRCROOT is the checkout), rule metadata from the rule files, fingerprint = token id (a
 * hash, never the secret).
 */
export function formatSarif(report: Report, rules: readonly RuleSpec[]): string {
  const used = [...new Set(report.tokens.map(sarifRuleId))].sort();
  const byId = new Map(rules.map((r) => [r.id, r]));
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'blastradius',
            version: report.tool.version,
            informationUri: 'https://github.com/blastradius/blastradius',
            rules: [
              ...used.map((id) => {
                const [ruleId, severity] = splitRuleId(id);
                const rule = byId.get(ruleId);
                const description = rule?.description ?? ruleId;
                return {
                  id,
                  name: `${ruleId.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}${severity[0].toUpperCase()}${severity.slice(1)}`,
                  shortDescription: { text: `${description} (${severity})` },
                  fullDescription: {
                    text: `${description}. blastradius reports what the credential can reach: production data, backups, or both. This rule holds the ${severity} findings.`,
                  },
                  defaultConfiguration: { level: LEVEL[severity] },
                  properties: {
                    tags: ['security', 'secret', rule?.provider ?? 'unknown'],
                    'security-severity': SECURITY_SEVERITY[severity],
                    precision: 'high',
                  } as Record<string, unknown>,
                };
              }),
              ...(report.review?.suppressionsAdded.length ? [SUPPRESSION_RULE] : []),
            ],
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (report.scan.warnings ?? []).map((text) => ({ level: 'warning', message: { text } })),
          },
        ],
        ...(report.scan.base ? { originalUriBaseIds: { SRCROOT: { uri: directoryUri(report.scan.base) } } } : {}),
        results: [...tokenResults(report, ruleIndex), ...suppressionResults(report, used.length)],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

// A suppression a change adds to itself is a finding of its own, placed on the line that adds it.
const SUPPRESSION_RULE = {
  id: 'blastradius/suppression-added',
  name: 'SuppressionAdded',
  shortDescription: { text: 'A change suppresses a finding for itself' },
  fullDescription: {
    text: 'An inline allow, a baseline entry, a reclassified resource or a relaxed gate setting added by the change under review. blastradius lists it and does not apply it: the base revision judges the change.',
  },
  defaultConfiguration: { level: 'warning' },
  properties: { tags: ['security', 'secret'], precision: 'high' },
};

function suppressionResults(report: Report, ruleIndex: number) {
  return (report.review?.suppressionsAdded ?? []).map((added) => ({
    ruleId: SUPPRESSION_RULE.id,
    ruleIndex,
    level: 'warning' as const,
    message: { text: added.detail },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(added.file), ...(report.scan.base ? { uriBaseId: 'SRCROOT' } : {}) },
          ...(added.line ? { region: { startLine: added.line } } : {}),
        },
      },
    ],
    partialFingerprints: { 'blastradius/suppression/v1': createHash('sha256').update(`${added.kind}:${added.file}:${added.detail}`).digest('hex') },
    properties: { kind: added.kind },
  }));
}

function tokenResults(report: Report, ruleIndex: Map<string, number>) {
  return report.tokens.flatMap((token) => {
    const severity = tokenSeverity(token);
    const ranked = rankedSeverity(token);
    const br = token.blastRadius;
    const possible = possibleSeverity(token);
    const widened = br && possible !== severity ? ` (possibly ${possible}: ${openQuestionText(br.possible)})` : '';
    const text = `${token.provider} ${token.kind} ${token.redacted}: ${severity}${widened}${br ? ` — ${br.summary}` : ''}`;
    const id = sarifRuleId(token);
    return token.locations.map((location) => ({
      ruleId: id,
      ruleIndex: ruleIndex.get(id)!,
      level: LEVEL[ranked],
      message: { text: `${text}${historyText(location)}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(locationPath(location)), ...(report.scan.base ? { uriBaseId: 'SRCROOT' } : {}) },
            region: { startLine: location.line, startColumn: location.column },
          },
        },
      ],
      ...fingerprintsOf(token, location),
      // `ci --base`: SARIF's own word for a finding the change under review adds (new) or found at the base (unchanged).
      ...(token.introduced === undefined ? {} : { baselineState: token.introduced ? ('new' as const) : ('unchanged' as const) }),
      properties: {
        severity,
        'security-severity': SECURITY_SEVERITY[ranked],
        verification: token.verification.status,
        production: br?.production ?? 'none',
        backup: br?.backup ?? 'none',
        shared: br?.shared ?? false,
        possibleSeverity: possible,
        possibleShared: br?.possible.shared ?? false,
        ...(location.commit ? { commit: location.commit } : {}),
        ...(location.removedAtHead ? { removedAtHead: true } : {}),
      },
    }));
  });
}

/**
 * A plain token id is portable and safe to publish. A keyed id (a guessable secret) is neither
 * portable nor needed: such results are matched by rule and place only, which says nothing about
 * the password.
 */
function fingerprintsOf(token: ReportToken, location: ReportToken['locations'][number]) {
  const place = `${token.ruleId}:${locationPath(location)}:${location.line}${location.commit ? `@${location.commit}` : ''}`;
  if (token.idKind === 'keyed') {
    const hashed = createHash('sha256').update(place).digest('hex');
    return { fingerprints: { 'blastradius/location/v1': hashed }, partialFingerprints: { 'blastradius/location/v1': hashed } };
  }
  return {
    fingerprints: { 'blastradius/token/v1': token.id },
    partialFingerprints: { 'blastradius/location/v1': `${token.id}:${locationPath(location)}:${location.line}` },
  };
}

function splitRuleId(id: string): [string, Severity] {
  const slash = id.lastIndexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1) as Severity];
}

function historyText(location: ReportToken['locations'][number]): string {
  if (!location.commit) return '';
  return ` Added in commit ${location.commit}${location.removedAtHead ? '; the file no longer exists at HEAD, but the secret stays in the history until it is rotated' : ''}.`;
}

function directoryUri(path: string): string {
  const uri = pathToFileURL(path).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
