#!/usr/bin/env node
import { run } from '../cli/run.js';

const result = await run(process.argv.slice(2), { env: process.env, cwd: process.cwd(), isTTY: Boolean(process.stdout.isTTY) });
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
