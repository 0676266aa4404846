// Railway's published API limits (https://docs.railway.com/integrations/api#rate-limits):
//   requests per hour: 100 Free, 1000 Hobby, 10000 Pro, custom Enterprise;
//   requests per second: 10 Hobby, 50 Pro, custom Enterprise;
//   headers on every answer: X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, and
//   Retry-After once the window is used up.
// The scan spends the token owner's budget, so it stays well inside it: never faster than the
// lowest per-second limit, and it leaves part of the window to the owner's own automation.

/** 10 requests per second: the lowest per-second limit Railway documents (Hobby). */
export const MIN_INTERVAL_MS = 100;
/** With no X-RateLimit-Remaining header: half of the lowest hourly limit (Free, 100 per hour). */
export const DEFAULT_REQUEST_BUDGET = 50;
/** With the headers: stop while half of the window's limit is still left to the owner (as without them). */
export const OWNER_SHARE = 0.5;
/** Never more than this many requests for one token in one scan, whatever the plan. */
export const MAX_REQUESTS_PER_TOKEN = 500;

/**
 * Counts and paces the requests sent with one token. A request is refused (not sent) once the
 * budget is spent; a 429 pauses every request of the token until Retry-After has passed.
 */
export class RequestBudget {
  sent = 0;
  remaining: number | undefined;
  limit: number | undefined;
  #nextStart = 0;
  #pausedUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Why the next request must not be sent, or undefined when it may. Counts it when it may. */
  take(): string | undefined {
    if (this.sent >= MAX_REQUESTS_PER_TOKEN) return `not sent: ${MAX_REQUESTS_PER_TOKEN} requests already sent with this token in this scan`;
    if (this.remaining !== undefined) {
      const reserve = this.limit !== undefined ? Math.ceil(this.limit * OWNER_SHARE) : 10;
      if (this.remaining <= reserve) {
        return `not sent: Railway reports ${this.remaining} request(s) left in this token's rate-limit window${this.limit !== undefined ? ` of ${this.limit}` : ''}; the rest is left to its owner`;
      }
    } else if (this.sent >= DEFAULT_REQUEST_BUDGET) {
      return `not sent: ${DEFAULT_REQUEST_BUDGET} requests sent and Railway reported no X-RateLimit-Remaining (half of the Free plan's 100 per hour)`;
    }
    this.sent++;
    if (this.remaining !== undefined) this.remaining--;
    return undefined;
  }

  /** Waits for this request's turn: one start every MIN_INTERVAL_MS, and none during a 429 pause. */
  async pace(): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.#nextStart, this.#pausedUntil);
    this.#nextStart = start + MIN_INTERVAL_MS;
    if (start > now) await sleep(start - now);
    // A 429 that arrived while this request waited for its turn pauses it too.
    while (this.#pausedUntil > this.now()) await sleep(this.#pausedUntil - this.now());
  }

  /** Reads X-RateLimit-Limit / X-RateLimit-Remaining from an answer. */
  observe(headers: Headers): void {
    const limit = Number.parseInt(headers.get('x-ratelimit-limit') ?? '', 10);
    const remaining = Number.parseInt(headers.get('x-ratelimit-remaining') ?? '', 10);
    if (Number.isFinite(limit) && limit >= 0) this.limit = limit;
    if (Number.isFinite(remaining) && remaining >= 0) this.remaining = remaining;
  }

  /**
   * After a 429: no request of this token starts before `ms` from now. Railway sends Retry-After
   * "once you've used up all your requests in the current window": after it the window is new, so
   * the remaining count of the old one no longer holds until the next answer says it again.
   */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.now() + ms);
    this.remaining = undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
