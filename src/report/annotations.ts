import type { GateVerdict } from '../gate/gate.js';
import { tokenSeverity } from './format.js';
import type { Report } from './model.js';

/** GitHub Actions workflow commands: ::error / ::warning with file, line and column per token location. */
export function formatAnnotations(report: Report, verdict: GateVerdict): string {
  const failing = new Set(verdict.failing.map((f) => f.token.id));
  const lines: string[] = [];
  for (const token of report.tokens) {
    const command = failing.has(token.id) ? 'error' : 'warning';
    const severity = tokenSeverity(token);
    const title = `blastradius ${severity}: ${token.provider} ${token.kind}`;
    const message = `${token.redacted} — ${token.blastRadius?.summary ?? token.verification.status}`;
    for (const l of token.locations) {
      const file = l.root && l.root !== '.' ? `${l.root.replace(/\/$/, '')}/${l.file}` : l.file;
      lines.push(`::${command} file=${property(file)},line=${l.line},col=${l.column},title=${property(title)}::${data(message)}`);
    }
  }
  if (verdict.workspaceFailed && report.workspace) lines.push(`::error title=${property('blastradius workspace verdict')}::${data(report.workspace.summary)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
