import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A preload that records every module the process loads: ESM resolutions (URLs, `node:` built-ins)
 * through a module.register hook, CommonJS (resolved paths) through Module._load. Written to the
 * file named by BLASTRADIUS_MODULE_LOG. Used by the start-up bench and by test/hook-imports.test.ts.
 */
const PRELOAD = `
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
const log = process.env.BLASTRADIUS_MODULE_LOG;
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(\${JSON.stringify(log)}, result.url + '\\\\n');
  return result;
}\`));
const Module = createRequire(import.meta.url)('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { appendFileSync(log, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return load.apply(this, arguments);
};
`;

/** Runs `node bin ...args` with the recorder; `workDir` holds the preload and the log. */
export function loadedModules(
  bin: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; workDir: string },
): { status: number; stderr: string; modules: string[] } {
  const preload = join(options.workDir, 'record-modules.mjs');
  writeFileSync(preload, PRELOAD);
  const log = join(options.workDir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', preload, bin, ...args], {
    cwd: options.cwd,
    env: { ...options.env, BLASTRADIUS_MODULE_LOG: log },
    encoding: 'utf8',
  });
  return { status: result.status ?? -1, stderr: result.stderr, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}
