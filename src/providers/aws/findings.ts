import type { ActionClass, Grant, Protection, Unknown } from '../../core/types.js';
import { operationClass } from './operations.js';

const ORDER: ActionClass[] = ['read', 'write', 'destroy', 'admin'];

/** Collects grants, protections and unknowns, merging duplicates as they arrive. */
export class Findings {
  readonly #grants = new Map<string, Grant>();
  readonly #protections = new Map<string, Protection>();
  readonly #unknowns = new Map<string, { operations: Set<string>; resource: string; reason: string }>();
  readonly #other = new Map<string, Unknown>();

  /** An unknown of its own (not a conditional allow), once per `what`. */
  addUnknown(unknown: Unknown): void {
    if (!this.#other.has(unknown.what)) this.#other.set(unknown.what, unknown);
  }

  addGrant(grant: Grant): void {
    const key = `${grant.operation} ${grant.resource} ${grant.action} ${grant.evidence}`;
    if (!this.#grants.has(key)) this.#grants.set(key, grant);
  }

  hasGrant(operation: string, evidence: string): boolean {
    for (const grant of this.#grants.values()) if (grant.operation === operation && grant.evidence === evidence) return true;
    return false;
  }

  /** Same safeguard on the same resource blocking several operations: one protection. */
  addProtection(protection: Protection): void {
    const key = `${protection.kind} ${protection.resource} ${protection.description}`;
    const existing = this.#protections.get(key);
    if (!existing) {
      this.#protections.set(key, {
        ...protection,
        blocks: [...protection.blocks],
        removableBy: protection.removableBy ? [...protection.removableBy] : undefined,
      });
      return;
    }
    for (const op of protection.blocks) if (!existing.blocks.includes(op)) existing.blocks.push(op);
    for (const op of protection.removableBy ?? []) {
      existing.removableBy ??= [];
      if (!existing.removableBy.includes(op)) existing.removableBy.push(op);
    }
  }

  /** An allow that depends on request context we cannot know: grouped per resource and reason. */
  addConditional(operation: string, resource: string, reason: string): void {
    const key = `${resource} ${reason}`;
    const entry = this.#unknowns.get(key) ?? { operations: new Set<string>(), resource, reason };
    entry.operations.add(operation);
    this.#unknowns.set(key, entry);
  }

  get grants(): Grant[] {
    return [...this.#grants.values()];
  }

  get protections(): Protection[] {
    return [...this.#protections.values()];
  }

  get unknowns(): Unknown[] {
    // Nothing readable settles it (it depends on where and how the key is used): no `settle`.
    const conditional = [...this.#unknowns.values()].map((entry): Unknown => {
      const classes = [...entry.operations].map((op) => operationClass(op) ?? 'destroy');
      const upTo = ORDER[Math.max(...classes.map((c) => ORDER.indexOf(c)))] ?? 'destroy';
      return {
        what: `${[...entry.operations].join(', ')} on ${entry.resource}`,
        reason: `allowed only when ${entry.reason}; whether a holder of this key meets that is not known`,
        upTo,
        resources: [entry.resource],
      };
    });
    return [...conditional, ...this.#other.values()];
  }
}
