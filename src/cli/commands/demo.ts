import { UsageError } from '../../core/errors.js';
import { startDemoFakes, DEMO_WORKSPACE } from '../../demo/demo.js';
import { evaluateGate, gatePolicy } from '../../gate/gate.js';
import { analyzeWorkspace } from '../../pipeline.js';
import { formatJson } from '../../report/json.js';
import { formatText } from '../../report/text.js';
import { defaultWorkers } from '../../scan/scan.js';
import { EXIT, type RunContext, type RunResult } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { DEFAULT_MAX_FILE_SIZE, useColor } from '../scan-options.js';

/**
 * `blastradius demo` (`npm start`): scans the bundled demo workspace against bundled offline
 * provider fakes on 127.0.0.1 and prints the real report. No credentials, no network, no cache.
 */
export async function demoCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const values = parseFlags(
    argv,
    { format: { type: 'string', short: 'f' }, verbose: { type: 'boolean', short: 'v' }, 'no-color': { type: 'boolean' }, color: { type: 'boolean' } },
    { positionals: false },
  ).values as {
    format?: string;
    verbose?: boolean;
    'no-color'?: boolean;
    color?: boolean;
  };
  if (values.format && values.format !== 'text' && values.format !== 'json') throw new UsageError('demo: --format must be text or json');
  const fakes = await startDemoFakes();
  const debug: string[] = [];
  try {
    // Only the fakes' addresses: whatever the user's environment says, the demo talks to nothing else.
    // The user's own cache and config places are kept (the rules cache, the id key): HOME alone would put them elsewhere.
    const own = Object.fromEntries(['PATH', 'HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME'].flatMap((name) => (ctx.env[name] ? [[name, ctx.env[name]]] : [])));
    const env: NodeJS.ProcessEnv = { ...own, ...fakes.env };
    const { report, config } = await analyzeWorkspace({
      roots: [DEMO_WORKSPACE()],
      // npm never packs ignore files, so the installed demo has neither: leaving both out here
      // keeps the report the same from a clone and from an installed package.
      exclude: ['.gitignore', '.npmignore'],
      cwd: ctx.cwd,
      maxFileSize: DEFAULT_MAX_FILE_SIZE,
      workers: defaultWorkers(),
      offline: false,
      useBaseline: false,
      providers: {
        context: { env, apiUrls: {}, timeoutMs: 5000, retries: 1, maxRetryWaitMs: 2000, log: (m) => debug.push(m) },
        concurrency: 4,
        cache: false,
      },
    });
    report.scan.roots = ['fixtures/demo'];
    const [mutating] = fakes.mutating();
    if (mutating)
      throw new Error(`a provider sent a mutating request to a demo fake: ${mutating.provider} ${mutating.request.method} ${mutating.request.path}`);
    if (values.format === 'json') return { exitCode: EXIT.clean, stdout: formatJson(report), stderr: '' };
    const verdict = evaluateGate(report, gatePolicy(config, {}));
    const color = useColor(values, ctx);
    const intro = `blastradius demo — scanning fixtures/demo (an app repo with a .env and a Rails config/database.yml) against offline fakes of ${listed(fakes.names)} on 127.0.0.1. Nothing leaves this machine.\n\n`;
    const outro = `\n\`blastradius ci\` on this workspace: ${verdict.summary}\nRequests the fakes received: ${fakes.requests().length}, none mutating.\nNow try it on your own workspace: npx blastradius scan .   (or: npx blastradius audit .)\n`;
    return { exitCode: EXIT.clean, stdout: intro + formatText(report, { color, verbose: values.verbose ?? false }) + outro, stderr: '' };
  } finally {
    await fakes.close();
  }
}

/** `A, B and C`. */
function listed(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}
