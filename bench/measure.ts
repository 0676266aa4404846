import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';

export interface Measurement {
  wallMs: number;
  /** User + system CPU of the process, its threads and the children it waited for (git). */
  cpuMs: number;
  peakRssMb: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const TICK_MS = 10; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second

/**
 * Runs a command, polling /proc for its peak resident set (VmHWM) and CPU time, and times it from
 * spawn to exit. The machine may be shared: CPU time moves much less with the load than wall
 * time does, so both are reported. `discardStdout` drains the output without keeping it (git log).
 */
export function measure(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; discardStdout?: boolean } = {},
): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let peakKb = 0;
    let cpuTicks = 0;
    const poll = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const match = /VmHWM:\s+(\d+) kB/.exec(status);
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
        // Fields after the command name: state is 3rd; utime, stime, cutime, cstime are 14-17.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
        if (Number.isFinite(ticks)) cpuTicks = Math.max(cpuTicks, ticks);
      } catch {
        // The process may have exited between polls.
      }
    };
    const timer = setInterval(poll, 10);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      if (!options.discardStdout) stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ wallMs: performance.now() - started, cpuMs: cpuTicks * TICK_MS, peakRssMb: peakKb / 1024, exitCode: code ?? -1, stdout, stderr });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Whether a program is on PATH (ripgrep is optional). */
export function onPath(program: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      accessSync(`${dir}/${program}`, constants.X_OK);
      return true;
    } catch {
      // not there
    }
  }
  return false;
}
