import { readFileSync } from 'node:fs';
import { afterEach, expect } from 'vitest';

/**
 * Every request a provider sends carries `user-agent: blastradius/<version>`. The providers reach
 * HTTP only through fetch (src/providers/http.ts readOnlyFetch, and Octokit's fetch on top of it),
 * so every HTTP(S) fetch of every test is recorded here, and after each test any call without that
 * user agent fails it: every provider test, with the fakes it already starts, checks it.
 */
const expected = `blastradius/${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}`;
const sent: { url: string; userAgent: string | null }[] = [];
const realFetch = globalThis.fetch;

globalThis.fetch = function recordingFetch(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  // Only requests that leave the process: Ink's layout engine fetches its WebAssembly from a data: URL.
  if (/^https?:/i.test(url)) {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    sent.push({ url: url.replace(/\?.*$/, ''), userAgent: headers.get('user-agent') });
  }
  return realFetch(input, init);
} as typeof fetch;

afterEach(() => {
  const without = sent.splice(0).filter((s) => s.userAgent !== expected);
  expect(without, `requests sent without user-agent ${expected}`).toEqual([]);
});
