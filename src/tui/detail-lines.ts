import type { BlastPath } from '../assess/types.js';
import type { Grant, ResourceClass } from '../core/types.js';
import { SEVERITY_SYMBOL, formatLocation, possibleSeverity, severityText, tokenSeverity } from '../report/format.js';
import { formatPath, possibleReach } from '../report/text.js';
import type { ReportToken } from '../report/model.js';
import { reachText } from './cells.js';
import type { Line } from './lines.js';
import { childOf, renderTree, type TreeNode } from './tree.js';

const KNOWN_IDENTITY_KEYS = new Set(['principal', 'type', 'account', 'displayName', 'endpoint']);
const CLASSES: ResourceClass[] = ['production', 'backup', 'other'];

/** Everything the report knows about one token, as screen lines (not yet wrapped). */
export function detailLines(token: ReportToken, accepted = false): Line[] {
  const severity = tokenSeverity(token);
  const br = token.blastRadius;
  const v = token.verification;
  const lines: Line[] = [
    { text: `${SEVERITY_SYMBOL[severity]} ${severityText(token, { reason: false })}  ${token.provider} ${token.redacted}  (${token.ruleId})`, tone: severity },
    {
      text: `id ${token.id.slice(0, 16)}…  status ${v.status}${v.detail ? `: ${v.detail}` : ''}${v.cached ? ' (cached)' : ''}`,
      tone: v.status === 'live' ? undefined : 'warn',
    },
  ];
  if (accepted) lines.push({ text: '✓ accepted into the baseline', tone: 'ok' });
  if (token.baseline) {
    const was = token.baseline.previous;
    lines.push({ text: `! in the baseline, but its reach grew (was production ${was.production}, backup ${was.backup}, ${was.severity})`, tone: 'warn' });
  }
  if (br) {
    const unknown = reachText(token, 'production') === '?' ? ' (reach unknown)' : '';
    lines.push({
      text: `production ${reachText(token, 'production')} · backup ${reachText(token, 'backup')}${br.shared ? ' · SHARED blast radius' : unknown}`,
      tone: br.shared ? 'critical' : undefined,
    });
    lines.push({ text: br.summary });
  }
  if (br && possibleSeverity(token) !== severity) {
    const possible = possibleSeverity(token);
    lines.push(
      ...section(`Possibly ${possible.toUpperCase()} (${possibleReach(br)})`, [
        ...br.possible.because.map((q) => ({ text: `  ? ${q.what}: ${q.reason}${q.settle ? ` — to settle: ${q.settle}` : ''}`, tone: 'warn' as const })),
        ...br.possible.paths.slice(0, 20).map((p) => ({ text: `  ${formatPath(p)}`, tone: possible })),
      ]),
    );
  }
  lines.push(...section('Identity', identityLines(token)));
  lines.push(
    ...section(
      `Locations (${token.locations.length})`,
      token.locations.map((l) => ({ text: `  ${formatLocation(l)}` })),
    ),
  );
  lines.push(...section('Grants by resource class', grantLines(token.grants, br?.paths ?? [])));
  lines.push(...section(`Blast-radius paths (${br?.paths.length ?? 0})`, br?.paths.length ? renderTree(pathTree(token, br.paths), '  ') : []));
  lines.push(
    ...section(
      'Protections',
      (br?.protections ?? []).map((p) => ({
        text: `  ${p.effective ? '✓ blocks' : '✗ does not block'}  ${p.kind} on ${p.resource} — ${p.description}${p.reason ? ` (${p.reason})` : ''}`,
        tone: p.effective ? ('ok' as const) : ('warn' as const),
      })),
    ),
  );
  lines.push(
    ...section(
      'Recommendations',
      (br?.recommendations ?? []).map((r) => ({ text: `  • ${r}` })),
    ),
  );
  if (token.unknowns.length)
    lines.push(
      ...section(
        'Unknown',
        token.unknowns.map((u) => ({ text: `  ? ${u.what}: ${u.reason}`, tone: 'warn' as const })),
      ),
    );
  if (token.notes.length)
    lines.push(
      ...section(
        'Notes',
        token.notes.map((n) => ({ text: `  ${n}`, tone: 'muted' as const })),
      ),
    );
  return lines;
}

function section(title: string, body: Line[]): Line[] {
  return [{ text: '' }, { text: title, tone: 'title' }, ...(body.length ? body : [{ text: '  (none)', tone: 'muted' as const }])];
}

function identityLines(token: ReportToken): Line[] {
  const id = token.identity;
  if (!id) return [{ text: `  unknown (${token.verification.status})`, tone: 'muted' }];
  const lines: Line[] = [{ text: `  principal  ${id.principal}`, tone: 'accent' }];
  if (id.type) lines.push({ text: `  type       ${id.type}` });
  if (id.account) lines.push({ text: `  account    ${id.account}` });
  if (id.displayName) lines.push({ text: `  name       ${id.displayName}` });
  if (id.endpoint) lines.push({ text: `  endpoint   ${id.endpoint}` });
  for (const [key, value] of Object.entries(id)) {
    if (KNOWN_IDENTITY_KEYS.has(key)) continue;
    const shown = Array.isArray(value) ? value.join(', ') : typeof value === 'object' || value === undefined ? undefined : String(value);
    if (shown !== undefined) lines.push({ text: `  ${key.padEnd(10)} ${shown}` });
  }
  return lines;
}

/**
 * The report keeps grants unclassified (they may be wildcards); the assessed paths say which class
 * each grant reached. A grant that reached nothing classified counts as "other".
 */
function grantLines(grants: readonly Grant[], paths: readonly BlastPath[]): Line[] {
  const lines: Line[] = [];
  for (const resourceClass of CLASSES) {
    const inClass = grants.filter((g) => classesOf(g, paths).includes(resourceClass));
    if (!inClass.length) continue;
    lines.push({ text: `  ${resourceClass}`, tone: resourceClass === 'other' ? 'muted' : 'accent' });
    for (const g of inClass) lines.push({ text: `    ${g.action.padEnd(7)} ${g.operation ? `${g.operation} ` : ''}${g.resource} — ${g.evidence}` });
  }
  return lines;
}

function classesOf(grant: Grant, paths: readonly BlastPath[]): ResourceClass[] {
  const wildcard = grant.resource.includes('*');
  const classes = new Set<ResourceClass>();
  for (const p of paths) {
    if (p.action !== grant.action || p.evidence !== grant.evidence || (p.operation ?? '') !== (grant.operation ?? '')) continue;
    if (!wildcard && p.resource !== grant.resource) continue;
    classes.add(p.resourceClass);
    if (p.alsoReaches) classes.add(p.alsoReaches.resourceClass);
  }
  return classes.size ? [...classes] : ['other'];
}

/** token → principal → evidence → action → resource, merging shared prefixes. */
export function pathTree(token: ReportToken, paths: readonly BlastPath[]): TreeNode {
  const root: TreeNode = { label: `${token.provider} ${token.redacted}`, tone: 'title', children: [] };
  for (const p of paths) {
    const principal = childOf(root, p.principal, 'accent');
    const evidence = childOf(principal, p.evidence);
    const action = childOf(evidence, `${p.action}${p.operation ? ` ${p.operation}` : ''}`);
    action.children.push({ label: resourceLabel(p), tone: p.level === 'destroy' ? 'high' : p.level === 'none' ? 'muted' : undefined, children: [] });
  }
  return root;
}

function resourceLabel(p: BlastPath): string {
  const also = p.alsoReaches ? `, +${p.alsoReaches.resourceClass}: ${p.alsoReaches.reason}` : '';
  const protection = p.protection
    ? ` [${p.protection.effective ? 'blocked by' : 'not protected by'} ${p.protection.kind}${p.protection.reason ? `: ${p.protection.reason}` : ''}]`
    : '';
  return `${p.resource} (${p.resourceClass}${also}) → ${p.level === 'none' ? 'blocked' : p.level}${protection}`;
}
