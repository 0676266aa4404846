import { decodeUriPart } from '../../core/uri.js';

// AWS throttles bursts per account and API: detail calls go through a bounded map.
export { mapLimit } from '../../core/concurrency.js';

/** Collects an SDK paginator into one list, with a page cap so a huge account cannot stall a scan. */
export async function collectPages<P, T>(
  pages: AsyncIterable<P>,
  pick: (page: P) => T[] | undefined,
  maxPages = 20,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    items.push(...(pick(page) ?? []));
    if (++count >= maxPages) return { items, truncated: true };
  }
  return { items, truncated: false };
}

/** Policy documents come back from IAM URL-encoded (RFC 3986); resource policies come back as plain JSON. */
export function parsePolicyDocument(text: string): Record<string, unknown> | undefined {
  for (const candidate of [text, decodeUriPart(text)]) {
    if (candidate === undefined) continue;
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not this encoding; try the next
    }
  }
  return undefined;
}

/** The statements of a policy document as a list (AWS allows a single object). */
export function statementsOf(document: { Statement?: unknown }): Record<string, unknown>[] {
  const raw = document.Statement;
  if (Array.isArray(raw)) return raw.filter((s): s is Record<string, unknown> => !!s && typeof s === 'object');
  return raw && typeof raw === 'object' ? [raw as Record<string, unknown>] : [];
}
