import type { Severity } from '../core/types.js';
import type { RuleSpec } from '../rules/types.js';
import { openQuestionText, possibleSeverity, tokenSeverity } from './format.js';
import type { Report } from './model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning ranks security alerts by this number (0.1–10).
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/**
 * SARIF 2.1.0 for code-scanning upload: one result per token location, level from the severity,
 * rule metadata from the rule files, fingerprint = token id (a hash, never the secret).
 */
export function formatSarif(report: Report, rules: readonly RuleSpec[]): string {
  const used = [...new Set(report.tokens.map((t) => t.ruleId))].sort();
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
            rules: used.map((id) => {
              const rule = byId.get(id);
              return {
                id,
                name: id.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()),
                shortDescription: { text: rule?.description ?? id },
                fullDescription: { text: `${rule?.description ?? id}. blastradius reports what the credential can reach: production data, backups, or both.` },
                defaultConfiguration: { level: 'error' },
                properties: { tags: ['security', 'secret', rule?.provider ?? 'unknown'], 'security-severity': '8.0' },
              };
            }),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: 'file:///' } },
        results: report.tokens.flatMap((token) => {
          const severity = tokenSeverity(token);
          const br = token.blastRadius;
          const possible = possibleSeverity(token);
          const widened = br && possible !== severity ? ` (possibly ${possible}: ${openQuestionText(br.possible)})` : '';
          const text = `${token.provider} ${token.kind} ${token.redacted}: ${severity}${widened}${br ? ` — ${br.summary}` : ''}`;
          return token.locations.map((location) => ({
            ruleId: token.ruleId,
            ruleIndex: ruleIndex.get(token.ruleId)!,
            level: LEVEL[severity],
            message: { text },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(location.root && location.root !== '.' ? `${location.root.replace(/\/$/, '')}/${location.file}` : location.file), uriBaseId: 'SRCROOT' },
                  region: { startLine: location.line, startColumn: location.column },
                },
              },
            ],
            fingerprints: { 'blastradius/token/v1': token.id },
            partialFingerprints: { 'blastradius/location/v1': `${token.id}:${location.file}:${location.line}` },
            properties: {
              severity,
              'security-severity': SECURITY_SEVERITY[severity],
              verification: token.verification.status,
              production: br?.production ?? 'none',
              backup: br?.backup ?? 'none',
              shared: br?.shared ?? false,
              possibleSeverity: possible,
              possibleShared: br?.possible.shared ?? false,
            },
          }));
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
