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
}

export const EXIT = {
  clean: 0,
  gateFailed: 1,
  usage: 2,
} as const;
