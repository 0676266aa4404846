import { compileGlobs } from '../globs.js';
import type { CliSpec, LoginSpec, RuleSpec } from '../../rules/types.js';
import type { Role } from './fields.js';
import { keyWords } from './roles.js';

/** One kind of login (a rule's `login` entry), ready for lookups. */
export interface LoginKind {
  ruleId: string;
  scheme: string;
  port?: number;
  userOptional: boolean;
  defaultUser?: string;
  inFile: (path: string) => boolean;
  cli?: CliSpec;
}

/** Every kind the loaded rules describe, and the indexes the assembly looks them up by. */
export class LoginKinds {
  readonly all: LoginKind[] = [];
  readonly #byName = new Map<string, LoginKind>();
  readonly #byScheme = new Map<string, LoginKind>();
  readonly #byPort = new Map<number, LoginKind>();
  readonly #env = new Map<string, { kind: LoginKind; role: Role; root: boolean }>();
  readonly #commands = new Map<string, LoginKind>();
  // Every file glob's last segment: a path whose name is not among them needs no glob match (most files).
  readonly #fileNames = new Set<string>();
  #anyFileName = false;

  constructor(rules: readonly RuleSpec[]) {
    for (const rule of rules) for (const spec of rule.login ?? []) this.#add(rule.id, spec);
  }

  #add(ruleId: string, spec: LoginSpec): void {
    const files = spec.files ?? [];
    const kind: LoginKind = {
      ruleId,
      scheme: spec.scheme,
      ...(spec.port ? { port: spec.port } : {}),
      userOptional: spec.userOptional === true,
      ...(spec.defaultUser !== undefined ? { defaultUser: spec.defaultUser } : {}),
      inFile: files.length ? compileGlobs(files) : () => false,
      ...(spec.cli ? { cli: spec.cli } : {}),
    };
    this.all.push(kind);
    for (const glob of files) {
      const name = glob.split('/').pop()!;
      if (/[*?[\]{}!]/.test(name)) this.#anyFileName = true;
      else this.#fileNames.add(name);
    }
    if (!this.#byScheme.has(spec.scheme)) this.#byScheme.set(spec.scheme, kind);
    for (const name of [spec.scheme, ...spec.names]) if (!this.#byName.has(name)) this.#byName.set(name, kind);
    if (spec.port && !this.#byPort.has(spec.port)) this.#byPort.set(spec.port, kind);
    for (const [role, names] of Object.entries(spec.env ?? {})) {
      for (const name of names ?? [])
        this.#env.set(name.toUpperCase(), { kind, role: role === 'rootPassword' ? 'password' : (role as Role), root: role === 'rootPassword' });
    }
    for (const command of spec.cli?.commands ?? []) this.#commands.set(command, kind);
  }

  get empty(): boolean {
    return this.all.length === 0;
  }

  /** The kind a driver, adapter, engine, image or prefix value names: the whole value first, then each of its words. */
  byName(value: string): LoginKind | undefined {
    const lower = value.toLowerCase().trim();
    const exact = this.#byName.get(lower);
    if (exact) return exact;
    // `postgres:16-alpine`, `bitnami/postgresql`, `org.postgresql.Driver`, `django.db.backends.mysql`.
    const image = lower.replace(/[:@].*$/, '');
    const last = image.split('/').pop()!;
    const direct = this.#byName.get(image) ?? this.#byName.get(last);
    if (direct) return direct;
    for (const word of keyWords(lower)) {
      const kind = this.#byName.get(word);
      if (kind) return kind;
    }
    return undefined;
  }

  byScheme(scheme: string): LoginKind | undefined {
    return this.#byScheme.get(scheme.toLowerCase()) ?? this.byName(scheme);
  }

  byPort(port: number): LoginKind | undefined {
    return this.#byPort.get(port);
  }

  /** Exact variable names of official images and client libraries (`POSTGRES_PASSWORD`, `PGHOST`, `MYSQL_ROOT_PASSWORD`). */
  byVariable(key: string): { kind: LoginKind; role: Role; root: boolean } | undefined {
    return this.#env.get(key.toUpperCase());
  }

  byFile(path: string): LoginKind | undefined {
    if (!this.#mayMatch(path)) return undefined;
    return this.all.find((k) => k.inFile(path));
  }

  #mayMatch(path: string): boolean {
    return this.#anyFileName || this.#fileNames.has(path.slice(path.lastIndexOf('/') + 1));
  }

  byCommand(command: string): LoginKind | undefined {
    return this.#commands.get(command);
  }

  /** Files that are read for logins whatever their content (wp-config.php, .pgpass, mongoid.yml). */
  wantsFile(path: string): boolean {
    return this.#mayMatch(path) && this.all.some((k) => k.inFile(path));
  }
}
