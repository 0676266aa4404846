import type { ProgressStream } from './progress-line.js';

/** What a command returns instead of touching the process: the bin shim prints and exits. */
export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout is a terminal (colour, TUI). */
  isTTY: boolean;
  /**
   * The process's stderr, for live progress only (everything else is returned in RunResult).
   * Progress is drawn only when it is a terminal; absent in tests and embedders.
   */
  stderr?: ProgressStream;
}

/** CI runners log stderr line by line: a line redrawn in place would fill the log. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION'].some((key) => env[key] !== undefined && env[key] !== '0' && env[key] !== 'false');
}

export const EXIT = {
  clean: 0,
  gateFailed: 1,
  usage: 2,
  /** The tool itself failed (a bug, a crash): no verdict, which a gate must not read as "failed" or "passed". */
  internal: 3,
} as const;
