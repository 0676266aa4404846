import type { AwsSession } from '../clients.js';
import { attempt, type CallOutcome } from '../errors.js';
import type { ArnScope } from '../targets.js';
import type { InventoryResult } from '../types.js';
import { collectPages } from '../util.js';

/** Per-resource detail calls (versioning, lock, policies) stop after this many resources of a kind. */
export const MAX_DETAILED = 50;
export const DETAIL_CONCURRENCY = 4;

export interface InventoryContext {
  session: AwsSession;
  scope: ArnScope;
}

/**
 * Runs the list call of one service. AccessDenied means "not visible" and any other failure means
 * "not listed"; both are notes on the result, never an error of the verification.
 */
export async function listOrNote<P, T>(
  inventory: InventoryResult,
  ctx: InventoryContext,
  what: string,
  pages: () => AsyncIterable<P>,
  pick: (page: P) => T[] | undefined,
): Promise<T[] | undefined> {
  const outcome = await attempt(what, ctx.session.secrets, () => collectPages(pages(), pick));
  if (!outcome.ok) {
    inventory.notes.push(outcome.failure.kind === 'denied' ? `not visible to this key: ${outcome.failure.summary}` : `not listed: ${outcome.failure.message}`);
    return undefined;
  }
  if (outcome.value.truncated) inventory.notes.push(`${what}: stopped after 20 pages`);
  return outcome.value.items;
}

/** A detail call whose denial or absence is expected: `missing` → undefined value, others → a note. */
export async function detail<T>(inventory: InventoryResult, ctx: InventoryContext, what: string, call: () => Promise<T>): Promise<CallOutcome<T>> {
  const outcome = await attempt(what, ctx.session.secrets, call);
  if (!outcome.ok && outcome.failure.kind !== 'missing') {
    inventory.notes.push(outcome.failure.kind === 'denied' ? `not visible to this key: ${outcome.failure.summary}` : `not read: ${outcome.failure.message}`);
  }
  return outcome;
}

export function capNote(inventory: InventoryResult, kind: string, total: number): void {
  if (total > MAX_DETAILED) inventory.notes.push(`${total} ${kind}: details read for the first ${MAX_DETAILED} only`);
}
