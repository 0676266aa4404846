// Preloaded into the CLI by a test (NODE_OPTIONS=--import=<this file's URL>): the first `git` the
// CLI spawns throws, as an unexpected bug would. `hook run` spawns git first thing when it opens
// the repository, inside its fail-closed / fail-open handling — what the test proves. Test-only:
// the shipped CLI has no crash switch.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const spawnSync = childProcess.spawnSync;
childProcess.spawnSync = (command, ...rest) => {
  if (command === 'git') throw new Error('simulated crash (test/helpers/simulate-crash.mjs)');
  return spawnSync(command, ...rest);
};
syncBuiltinESMExports();
