// Preloaded into the CLI by a test (NODE_OPTIONS=--import=<this file's URL>): every `git` the CLI
// spawns throws, as an unexpected bug would. `hook run` spawns git first thing when it opens the
// repository, inside its fail-closed / fail-open handling — what the test proves (the git started
// early, src/git/hook-prestart.ts, leaves a failure to the check). Test-only: the shipped CLI has
// no crash switch.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const { spawn, spawnSync } = childProcess;
const crash = () => new Error('simulated crash (test/helpers/simulate-crash.mjs)');
childProcess.spawnSync = (command, ...rest) => {
  if (command === 'git') throw crash();
  return spawnSync(command, ...rest);
};
childProcess.spawn = (command, ...rest) => {
  if (command === 'git') throw crash();
  return spawn(command, ...rest);
};
syncBuiltinESMExports();
