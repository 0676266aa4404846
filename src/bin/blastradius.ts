#!/usr/bin/env node
// First, so that it runs before any other module of ours is evaluated (src/core/v8-tuning.ts says why).
import '../core/v8-tuning.js';
import { run } from '../cli/run.js';

// The AWS SDK warns on stderr about Node 20 support when a client is created; our output stays clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Whatever escapes run() (a worker thread's crash, a stray rejection) is a tool failure, never exit 1 (a failed gate).
const crash = (error: unknown) => {
  process.stderr.write(`blastradius: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

const result = await run(process.argv.slice(2), { env: process.env, cwd: process.cwd(), isTTY: Boolean(process.stdout.isTTY), stderr: process.stderr });
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
