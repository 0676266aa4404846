import type { ActionClass, Grant, Protection, Resource, Unknown } from '../../core/types.js';
import type { Failure } from './failures.js';

/** Every unknown says how far it could reach: the type makes `upTo` required here. */
export type UnknownScope = Pick<Unknown, 'resources' | 'settle'> & { upTo: NonNullable<Unknown['upTo']> };

/** What one verification learned, collected as the analysis goes; duplicates are dropped. */
export class Findings {
  readonly grants: Grant[] = [];
  readonly protections: Protection[] = [];
  readonly unknowns: Unknown[] = [];
  readonly notes: string[] = [];
  readonly #resources = new Map<string, Resource>();
  readonly #seen = new Set<string>();

  constructor(readonly principal: string) {}

  grant(action: ActionClass, resource: string, evidence: string, operation?: string): void {
    const key = `grant|${action}|${resource}|${operation ?? ''}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.grants.push({ action, resource, evidence, ...(operation ? { operation } : {}), principal: this.principal });
  }

  resource(resource: Resource): void {
    if (!this.#resources.has(resource.id)) this.#resources.set(resource.id, resource);
  }

  protection(protection: Protection): void {
    const key = `protection|${protection.kind}|${protection.resource}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.protections.push(protection);
  }

  /** Something not determined; `scope` says how far it could reach (upTo, resources) and what would settle it. */
  unknown(what: string, reason: string, scope: UnknownScope): void {
    const key = `unknown|${what}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.unknowns.push({ what, reason, ...scope });
  }

  note(note: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
  }

  /** A sub-call that failed: the result stays live, the gap is named. */
  failed(what: string, failure: Failure, scope: UnknownScope): void {
    this.unknown(what, failure.reason, scope);
  }

  get resources(): Resource[] {
    return [...this.#resources.values()];
  }
}
