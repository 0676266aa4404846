/**
 * `npm run bench`: speed and memory goals live here, not in timed unit tests.
 *   scan --offline over real trees (a real node_modules installed once into ~/.cache/blastradius-bench,
 *     this repository's own node_modules) and a generated one: MB/s, CPU time, peak RSS, beside
 *     ripgrep over the same tree in the same run (bench/scan-trees.ts);
 *   detection alone over those real trees, its first (cold) pass beside a warm one (bench/detect-passes.ts);
 *   memory against corpus size: generated trees of 50, 200 and 800 MB;
 *   --git-history beside `git log -p --all -U0` (bench/history.ts);
 *   verification of 200 tokens against local fakes, cold and cached (bench/verify-scale.ts);
 *   the pre-commit hook on a 50k-file repository (bench/hook.ts); `blastradius merge` (bench/merge.ts);
 *   start-up: commands on a one-file tree and a one-commit repository, and the modules they load (bench/startup.ts);
 *   the keyword prefilter alone, per core, and against the --before build's (bench/prefilter.ts);
 *   the worst rule on ReDoS-shaped input (bench/adversarial.ts);
 *   a resident scanner (two workers kept alive across scans of the real tree: a design question) beside ripgrep (bench/resident.ts);
 *   and a findings check: every build must find the same tokens at the same places (fixtures/).
 * Options: --before DIR (another build of blastradius, e.g. the previous commit's, measured in the
 * same run, interleaved), --only SECTIONS (scan,detect,prefilter,memory,history,verify,hook,startup,merge,adversarial,resident), --runs N,
 * --quick, --corpus DIR (scan that tree too), --history-repo DIR (a real repository for --git-history).
 */
import { loadavg, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runHistoryBench } from './history-bench.js';
import { runHookBench } from './hook.js';
import { runStartupBench } from './startup.js';
import { runAdversarialBench } from './adversarial.js';
import { runMergeBench } from './merge.js';
import { runFindingsCheck, runMemoryBench, runScanBench, type Build } from './scan-trees.js';
import { runVerifyBench } from './verify-scale.js';
import { runPrefilterBench } from './prefilter.js';
import { runDetectPassesBench } from './detect-passes.js';
import { runResidentBench } from './resident.js';
import { packageRoot } from '../src/core/paths.js';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    quick: { type: 'boolean' },
    runs: { type: 'string' },
    before: { type: 'string' },
    only: { type: 'string' },
    'history-repo': { type: 'string' },
  },
});
const runs = Number(values.runs ?? (values.quick ? 3 : 5));
const sections = new Set((values.only ?? 'scan,detect,prefilter,memory,history,verify,hook,startup,merge,adversarial,resident').split(','));
const current: Build = { label: 'now', bin: fileURLToPath(new URL('../src/bin/blastradius.js', import.meta.url)) };
const builds: Build[] = values.before ? [{ label: 'before', bin: join(values.before, 'dist', 'src', 'bin', 'blastradius.js') }, current] : [current];

console.log(
  `blastradius bench — node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; median of ${runs} run(s)`,
);
console.log('Wall times move with whatever else the machine runs; CPU-s (user + system, all threads) much less.');
if (values.before) console.log(`builds: before = ${values.before}, now = this checkout; each measurement alternates between them`);

if (sections.has('scan')) {
  await runFindingsCheck(builds);
  await runScanBench({ builds, runs, extraTree: values.corpus, quick: values.quick ?? false });
}
if (sections.has('detect')) {
  runDetectPassesBench({ builds, runs });
  runDetectPassesBench({ builds, runs, tree: join(packageRoot(), 'node_modules') });
}
if (sections.has('prefilter')) await runPrefilterBench({ builds });
if (sections.has('memory')) await runMemoryBench({ builds, quick: values.quick ?? false });
if (sections.has('history')) await runHistoryBench({ builds, runs, repo: values['history-repo'] });
if (sections.has('verify')) for (const build of builds) await runVerifyBench({ bin: build.bin, label: build.label });
if (sections.has('hook')) for (const build of builds) await runHookBench({ runs: values.quick ? 7 : 15, bin: build.bin, label: build.label });
if (sections.has('startup')) await runStartupBench({ builds, runs });
if (sections.has('merge')) await runMergeBench({ runs: values.quick ? 3 : 5 });
if (sections.has('adversarial')) runAdversarialBench();
// Last: the pool holds this process's young generation at its size (src/core/young-generation.ts).
if (sections.has('resident')) await runResidentBench({ runs });
