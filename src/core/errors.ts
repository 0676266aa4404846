/** An error whose message is safe and useful to print as one line, with the exit code it implies. */
export class KnownError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments: exit 2. */
export class UsageError extends KnownError {
  constructor(message: string, hint = 'run `blastradius --help` for usage') {
    super(message, 2, hint);
  }
}

/** A bad rule file, config file or baseline: exit 2. */
export class ConfigError extends KnownError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error);
  return String(error).split('\n')[0] ?? '';
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'file not found',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'not a directory (or a part of its path is not)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links (a loop?)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the path is too long',
  EBUSY: 'the file is busy or locked',
};

/**
 * A file-system error as plain words for a message that already names the file: `permission
 * denied`, not `EACCES: permission denied, open '/x'`. Unlisted codes keep Node's words, without
 * the code and the path.
 */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && FILE_PROBLEMS[code]) return FILE_PROBLEMS[code];
  const message = errorMessage(error);
  return code ? message.replace(new RegExp(`^${code}: `), '').replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '') : message;
}
