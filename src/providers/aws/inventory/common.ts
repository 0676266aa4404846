import type { AwsSession } from '../clients.js';
import { attempt, isDenied, isMissing, type AwsOutcome } from '../errors.js';
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
    inventory.notes.push(isDenied(outcome) ? `not visible to this key: ${outcome.summary}` : `not listed: ${outcome.reason}`);
    return undefined;
  }
  if (outcome.data.truncated) inventory.notes.push(`${what}: stopped after 20 pages`);
  return outcome.data.items;
}

/** A detail call whose denial or absence is expected: `missing` → undefined value, others → a note. */
export async function detail<T>(inventory: InventoryResult, ctx: InventoryContext, what: string, call: () => Promise<T>): Promise<AwsOutcome<T>> {
  const outcome = await attempt(what, ctx.session.secrets, call);
  if (!outcome.ok && !isMissing(outcome)) {
    inventory.notes.push(isDenied(outcome) ? `not visible to this key: ${outcome.summary}` : `not read: ${outcome.reason}`);
  }
  return outcome;
}

export function capNote(inventory: InventoryResult, kind: string, total: number): void {
  if (total > MAX_DETAILED) inventory.notes.push(`${total} ${kind}: details read for the first ${MAX_DETAILED} only`);
}
