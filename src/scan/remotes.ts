import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { GIT_REMOTE_HINT, type Hint } from '../detect/hints.js';

const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_REMOTES = 20;

/**
 * The hosts of the git remotes of a scan root that is itself a repository's top level (`.git` there),
 * read from its config file as text: no git process runs in the scanned workspace. These are
 * hints, never instructions: providers use them only to name a token's host (see their host rules).
 */
export function gitRemoteHints(root: string): Hint[] {
  const config = readConfig(root);
  if (!config) return [];
  const hints: Hint[] = [];
  let inRemote = false;
  for (const raw of config.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inRemote = /^\[remote\s+"[^"]*"\]$/.test(line);
    const url = inRemote ? /^url\s*=\s*(\S+)$/.exec(line)?.[1] : undefined;
    const host = url && remoteHost(url);
    if (host && !hints.some((h) => h.value === host)) hints.push({ name: GIT_REMOTE_HINT, value: host, line: 0, file: '.git/config' });
    if (hints.length >= MAX_REMOTES) break;
  }
  return hints;
}

/** The host of a remote URL: `https://host/…`, `ssh://user@host:port/…` or scp-like `user@host:path`. */
export function remoteHost(url: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(url)?.[1];
  const scpLike = withScheme ? undefined : /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)/.exec(url)?.[1];
  const host = (withScheme ?? scpLike)?.toLowerCase();
  return host && /^[a-z0-9.-]{1,253}$/.test(host) ? host : undefined;
}

/** `.git/config`, or for a linked worktree (`.git` is a file) the config of its common git directory. */
function readConfig(root: string): string | undefined {
  const dotGit = join(root, '.git');
  try {
    const info = lstatSync(dotGit);
    if (info.isDirectory()) return readSmall(join(dotGit, 'config'));
    if (!info.isFile()) return undefined;
    const gitDir = /^gitdir:\s*(.+)$/m.exec(readSmall(dotGit) ?? '')?.[1]?.trim();
    if (!gitDir) return undefined;
    const absolute = isAbsolute(gitDir) ? gitDir : resolve(root, gitDir);
    const common = readSmall(join(absolute, 'commondir'))?.trim();
    return readSmall(join(common ? resolve(absolute, common) : absolute, 'config'));
  } catch {
    return undefined;
  }
}

/**
 * A small regular file, or nothing: the scanned workspace writes these paths, so a symlink, a FIFO
 * or a device (which could block or never end) is not read, and the size is checked on the open file.
 */
function readSmall(path: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!lstatSync(path).isFile()) return undefined;
    fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_CONFIG_BYTES) return undefined;
    const buffer = Buffer.alloc(info.size);
    const read = readSync(fd, buffer, 0, info.size, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
