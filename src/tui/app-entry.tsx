import { render } from 'ink';
import type { Report } from '../report/model.js';
import type { AuditActions } from './actions.js';
import { AuditApp } from './app.js';
import { AuditLoader } from './audit-loader.js';
import type { AuditProgress } from './progress.js';

export interface AuditEntryOptions {
  /** A saved report to open, or `load` to run the pipeline with a progress screen first. */
  report?: Report;
  load?: (publish: (progress: AuditProgress) => void) => Promise<Report>;
  roots: readonly string[];
  actions: AuditActions;
  color: boolean;
}

// The alternate screen (as less and vim use) keeps the user's scrollback clean and restores it on quit.
const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';

/** The only place that calls Ink's render(): draws the audit UI on the real terminal until the user quits. */
export async function runAuditApp(options: AuditEntryOptions): Promise<void> {
  const stdout = process.stdout;
  const element = options.report ? (
    <AuditApp report={options.report} actions={options.actions} color={options.color} />
  ) : (
    <AuditLoader load={options.load!} roots={options.roots} actions={options.actions} color={options.color} />
  );
  stdout.write(ENTER_ALT_SCREEN);
  try {
    const instance = render(element, { stdout, stdin: process.stdin, exitOnCtrlC: true });
    await instance.waitUntilExit();
  } finally {
    stdout.write(LEAVE_ALT_SCREEN);
  }
}
