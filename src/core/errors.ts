/** An error whose message is safe and useful to print as one line, with the exit code it implies. */
export class KnownError extends Error {
  constructor(message: string, readonly exitCode: number, readonly hint?: string) {
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
