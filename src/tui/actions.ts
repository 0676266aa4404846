import { existsSync, writeFileSync } from 'node:fs';
import { fileProblem } from '../core/errors.js';
import { isAbsolute, join, normalize, relative } from 'node:path';
import { baselineFromReport, readBaseline, writeBaseline } from '../baseline/baseline.js';
import type { Location } from '../core/types.js';
import { formatJson } from '../report/json.js';
import { formatMarkdown } from '../report/markdown.js';
import type { Report, ReportToken } from '../report/model.js';

/** The side effects the audit UI asks for; each returns the one-line message to show, or throws. */
export interface AuditActions {
  accept(token: ReportToken): string;
  exportReport(report: Report, format: 'json' | 'markdown'): string;
  open(token: ReportToken): string;
}

export interface FileActionOptions {
  /** The baseline file `a` adds to (created when missing). */
  baselinePath: string;
  /** Where `e` writes blastradius-audit.json / .md (never overwriting: -1, -2, … on a clash). */
  exportDir: string;
  /** The scan root that relative locations start from, as the user named it. */
  scanRoot: string;
  /** `o` collects `file:line` here; the audit command prints them once the UI has closed. */
  opened: string[];
  /** Paths in messages are shown relative to this directory when under it. */
  cwd: string;
}

export function fileActions(options: FileActionOptions): AuditActions {
  const shown = (path: string) => {
    const rel = relative(options.cwd, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  };
  return {
    accept(token) {
      const existing = existsSync(options.baselinePath) ? readBaseline(options.baselinePath) : undefined;
      writeBaseline(options.baselinePath, baselineFromReport([token], existing));
      return `accepted ${token.provider} ${token.redacted} into ${shown(options.baselinePath)}`;
    },
    exportReport(report, format) {
      const path = freePath(options.exportDir, 'blastradius-audit', format === 'json' ? 'json' : 'md');
      try {
        writeFileSync(path, format === 'json' ? formatJson(report) : formatMarkdown(report));
      } catch (error) {
        throw new Error(`cannot write ${shown(path)}: ${fileProblem(error)}`);
      }
      return `exported ${report.tokens.length} token${report.tokens.length === 1 ? '' : 's'} as ${format} to ${shown(path)}`;
    },
    open(token) {
      const places = token.locations.map((l) => openTarget(l, options.scanRoot));
      options.opened.push(...places);
      const more = places.length > 1 ? ` (+${places.length - 1} more)` : '';
      return `${places[0] ?? 'no location'}${more} — printed when you quit`;
    },
  };
}

/** `path:line` relative to where the scan ran, the form editors and terminals open. */
export function openTarget(location: Location, scanRoot: string): string {
  const root = location.root ?? scanRoot;
  const path = normalize(root && root !== '.' ? join(root, location.file) : location.file);
  return `${path}:${location.line}${location.commit ? ` (commit ${location.commit.slice(0, 12)})` : ''}`;
}

function freePath(dir: string, stem: string, ext: string): string {
  for (let n = 0; ; n++) {
    const path = join(dir, `${stem}${n ? `-${n}` : ''}.${ext}`);
    if (!existsSync(path)) return path;
  }
}
