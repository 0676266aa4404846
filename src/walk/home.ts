import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WalkEntry, WalkSink } from './walk.js';

/** Credential stores an agent running as this user could read ("what could an agent running as me reach"). */
export const HOME_CREDENTIAL_FILES = [
  '.aws/credentials',
  '.aws/config',
  '.config/gh/hosts.yml',
  '.git-credentials',
  '.netrc',
  '.npmrc',
  '.yarnrc.yml',
  '.docker/config.json',
  '.kube/config',
  '.railway/config.json',
  '.config/railway/config.json',
  '.pgpass',
  '.my.cnf',
  '.config/gcloud/application_default_credentials.json',
  '.config/doctl/config.yaml',
  '.terraform.d/credentials.tfrc.json',
  '.config/stripe/config.toml',
  '.supabase/access-token',
  '.wrangler/config/default.toml',
  '.config/hub',
  '.env',
  '.ssh/id_rsa',
  '.ssh/id_ecdsa',
  '.ssh/id_ed25519',
  '.bash_history',
  '.zsh_history',
];

/** The well-known credential files that exist under `home`, as walk entries labelled `~`. */
export async function homeCredentialFiles(home: string, maxFileSize: number, sink: WalkSink): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for (const relative of HOME_CREDENTIAL_FILES) {
    const absolute = join(home, relative);
    try {
      const info = await stat(absolute);
      if (!info.isFile()) continue;
      if (info.size > maxFileSize) {
        sink.skipped({ file: `~/${relative}`, reason: `larger than --max-file-size (${info.size} bytes)` });
        continue;
      }
      out.push({ root: home, label: '~', absolute, relative, size: info.size });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') sink.error({ file: `~/${relative}`, reason: code ?? 'cannot read' });
    }
  }
  return out;
}
