import { formatPath, possibleReach } from './text.js';
import { SEVERITY_SYMBOL, formatBytes, formatLocation, levelText, openQuestionText, possibleSeverity, sortTokens, tokenSeverity } from './format.js';
import type { Report } from './model.js';

/** Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY. */
export function formatMarkdown(report: Report): string {
  const lines: string[] = ['## blastradius', ''];
  const s = report.scan;
  if (report.workspace && report.tokens.length > 0) {
    const ws = report.workspace;
    lines.push(`**Workspace: ${ws.severity.toUpperCase()}** — ${escapeText(ws.summary)}`, '');
    if (ws.possible.severity !== ws.severity) lines.push(`**Possibly ${ws.possible.severity.toUpperCase()}** — ${escapeText(ws.possible.summary)}`, '');
  }
  if (report.tokens.length === 0) {
    lines.push('No credentials found.', '');
  } else {
    lines.push('| severity | provider | token | principal | production | backup | location |', '|---|---|---|---|---|---|---|');
    for (const token of sortTokens(report.tokens)) {
      const severity = tokenSeverity(token);
      const possible = possibleSeverity(token);
      const br = token.blastRadius;
      lines.push(
        `| ${SEVERITY_SYMBOL[severity]} ${severity}${br?.shared ? ' (shared)' : ''}${possible !== severity ? ` (possibly ${possible}${br?.possible.shared ? ', shared' : ''})` : ''} | ${token.provider} | \`${token.redacted}\` | ${escapeText(token.identity?.principal ?? token.verification.status)} | ${levelText(br?.production ?? 'none')} | ${levelText(br?.backup ?? 'none')} | \`${formatLocation(token.locations[0])}\`${token.introduced === false ? ' (pre-existing)' : ''} |`,
      );
    }
    lines.push('');
    const explained = sortTokens(report.tokens).filter((t) => (t.blastRadius?.paths.length ?? 0) > 0 || possibleSeverity(t) !== tokenSeverity(t));
    for (const token of explained) {
      const br = token.blastRadius!;
      lines.push(`<details><summary>${token.provider} <code>${token.redacted}</code> — ${escapeText(br.summary)}</summary>`, '');
      if (possibleSeverity(token) !== tokenSeverity(token)) {
        lines.push(`- **possibly ${possibleSeverity(token)}** (${escapeText(possibleReach(br))}): ${escapeText(openQuestionText(br.possible))}`);
      }
      for (const path of br.paths.slice(0, 10)) lines.push(`- ${escapeText(formatPath(path))}`);
      if (br.paths.length > 10) lines.push(`- … ${br.paths.length - 10} more paths (\`blastradius scan --verbose\`)`);
      for (const r of br.recommendations) lines.push(`- **fix:** ${escapeText(r)}`);
      lines.push('', '</details>', '');
    }
  }
  if (report.organisation) {
    lines.push('| repository | severity | tokens | critical |', '|---|---|---|---|');
    for (const repo of report.organisation.repositories)
      lines.push(
        `| ${escapeText(repo.name)} | ${repo.severity}${repo.possibleSeverity !== repo.severity ? ` (possibly ${repo.possibleSeverity})` : ''} | ${repo.tokens} | ${repo.critical} |`,
      );
    lines.push('');
    for (const shared of report.organisation.sharedTokens)
      lines.push(
        `- \`${shared.redacted}\` (${shared.provider}) is in ${shared.repositories.length} repositories: ${shared.repositories.map(escape).join(', ')}`,
      );
    if (report.organisation.sharedTokens.length) lines.push('');
  }
  if (report.review?.suppressionsAdded.length) {
    lines.push(`**Suppressions this change adds to itself** (not applied; judged by \`${escapeText(report.review.base.ref)}\`):`, '');
    for (const added of report.review.suppressionsAdded)
      lines.push(`- \`${escapeText(added.file)}${added.line ? `:${added.line}` : ''}\` — ${escapeText(added.detail)}`);
    lines.push('');
  }
  for (const warning of s.warnings ?? []) lines.push(`> **warning:** ${escapeText(warning)}`, '');
  lines.push(
    `<sub>${s.files} files, ${formatBytes(s.bytes)} scanned in ${s.durationMs} ms · ${s.skipped.length} skipped · ${s.errors.length} errors${s.offline ? ' · offline (not verified)' : ''} · blastradius ${report.tool.version}</sub>`,
    '',
  );
  return lines.join('\n');
}

function escapeText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
