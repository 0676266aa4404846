import { setFlagsFromString } from 'node:v8';

/**
 * A scan is a short batch job in which every worker thread compiles the detector anew. With V8's
 * default budget (132 KB of bytecode run before a function is optimised) the first pass over a
 * tree spends much of its CPU in TurboFan, on background threads, compiling the detector's hot
 * functions and compiling them again as new rules and inputs reach them (`bench/detect-passes.ts`
 * prints the background threads' share). Optimising after eight times the work costs less than it
 * saves; `npm run bench --before` measures it (numbers in the README's performance notes).
 * The command line imports this module first, for its effect, so it runs before any other module
 * of ours is evaluated (a dynamic import after it made the start-up slower); V8 flags are
 * process-wide, so the worker threads have it too. The flag changes when code is optimised, never
 * what it computes.
 */
export function tuneV8(): void {
  setFlagsFromString(`--interrupt-budget=${8 * 132 * 1024}`);
}

tuneV8();
