import type { GateVerdict } from '../gate/gate.js';
import { locationPath, openQuestionText, possibleSeverity, severityText, tokenSeverity } from './format.js';
import type { Report } from './model.js';

/** GitHub Actions workflow commands: ::error / ::warning with file, line and column per token location. */
export function formatAnnotations(report: Report, verdict: GateVerdict): string {
  const failing = new Set(verdict.failing.map((f) => f.token.id));
  const lines: string[] = [];
  for (const token of report.tokens) {
    // A token the change did not add is a notice: the pull request did not put it there.
    const command = failing.has(token.id) ? 'error' : token.introduced === false ? 'notice' : 'warning';
    const severity = severityText(token, { reason: false }).toLowerCase();
    const title = `blastradius ${severity}: ${token.provider} ${token.kind}`;
    const br = token.blastRadius;
    const widened = br && possibleSeverity(token) !== tokenSeverity(token) ? ` Possibly ${possibleSeverity(token)}: ${openQuestionText(br.possible)}.` : '';
    const message = `${token.redacted} — ${br?.summary ?? token.verification.status}${widened}`;
    for (const l of token.locations) {
      const file = locationPath(l);
      lines.push(`::${command} file=${property(file)},line=${l.line},col=${l.column},title=${property(title)}::${data(message)}`);
    }
  }
  for (const added of verdict.newSuppressions) {
    const place = `file=${property(added.file)}${added.line ? `,line=${added.line}` : ''}`;
    lines.push(
      `::${verdict.suppressionsFailed ? 'error' : 'warning'} ${place},title=${property('blastradius: suppression added by this change')}::${data(added.detail)}`,
    );
  }
  for (const warning of report.scan.warnings ?? []) lines.push(`::warning title=${property('blastradius')}::${data(warning)}`);
  const ws = report.workspace;
  if (verdict.workspaceFailed && ws) {
    const summary = ws.possible.severity !== ws.severity ? `${ws.summary}; possibly ${ws.possible.severity}: ${ws.possible.summary}` : ws.summary;
    lines.push(`::error title=${property('blastradius workspace verdict')}::${data(summary)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
