import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { fileActions } from '../../src/tui/actions.js';
import { AuditApp } from '../../src/tui/app.js';

export const KEYS = { up: '\u001B[A', down: '\u001B[B', enter: '\r', escape: '\u001B', tab: '\t', backspace: '\u007F' } as const;

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Renders the audit UI at 80×24 (no colour unless asked) with file actions in a fresh temp dir. */
export function renderAudit(report: Report, options: { color?: boolean; width?: number; height?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'blastradius-tui-'));
  const opened: string[] = [];
  const baselinePath = join(dir, '.blastradius-baseline.json');
  const actions = fileActions({ baselinePath, exportDir: dir, scanRoot: '.', opened, cwd: dir });
  const ui = render(<AuditApp report={report} actions={actions} color={options.color ?? false} width={options.width ?? 80} height={options.height ?? 24} />);
  return {
    ...ui,
    dir,
    baselinePath,
    opened,
    frame: () => ui.lastFrame() ?? '',
    /** Sends each key separately, waiting for the re-render after each. */
    async press(...keys: string[]) {
      for (const key of keys) {
        ui.stdin.write(key);
        await settle();
      }
    },
    async type(text: string) {
      for (const ch of text) await this.press(ch);
    },
    cleanup() {
      ui.unmount();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A renderAudit whose UIs are unmounted and their temp dirs removed after each test of the calling file. */
export function auditRenderer(): (...args: Parameters<typeof renderAudit>) => ReturnType<typeof renderAudit> {
  const open: { cleanup(): void }[] = [];
  afterEach(() => open.splice(0).forEach((ui) => ui.cleanup()));
  return (...args) => {
    const ui = renderAudit(...args);
    open.push(ui);
    return ui;
  };
}
