/**
 * Bounds on what verification sends, so that 200 tokens are answered quickly without hammering
 * anyone: at most `perProvider` tokens of one provider in flight (a provider's own limit when its
 * manifest declares one), at most `perHost` requests open to one host, and never more requests
 * to a provider than its documented rate limit allows in any window of that length.
 */

/** A documented rate limit: at most `requests` in any `perMs` window (the manifest cites the page). */
export interface RateLimit {
  requests: number;
  perMs: number;
}

export interface LimitSettings {
  /** Tokens of one provider verified at once (a manifest's `limits.concurrency` overrides it). */
  perProvider: number;
  /** Requests open to one host (scheme, name and port) at once, whichever provider sends them. */
  perHost: number;
}

export const DEFAULT_LIMITS: LimitSettings = { perProvider: 4, perHost: 6 };

/** A counting semaphore: `acquire` resolves when a slot is free. */
export class Slots {
  #used = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  get free(): boolean {
    return this.#used < this.size;
  }

  async acquire(): Promise<void> {
    if (this.#used < this.size) {
      this.#used++;
      return;
    }
    // The slot is handed over by release: #used stays counted for the waiter.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#used--;
  }
}

/** Starts of the last `requests` requests; a new one waits until the oldest leaves the window. */
export class RateWindow {
  readonly #starts: number[] = [];
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: RateLimit,
    readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
  ) {}

  /** Resolves when one more request may start now, and counts it. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.#queue.then(async () => {
      const starts = this.#starts;
      if (starts.length >= this.limit.requests) {
        const wait = starts[starts.length - this.limit.requests] + this.limit.perMs - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait);
      }
      starts.push(this.clock.now());
      if (starts.length > this.limit.requests) starts.splice(0, starts.length - this.limit.requests);
    });
    this.#queue = turn;
    return turn;
  }
}

/** The per-host and per-provider request bounds of one verification run (one instance per run). */
export class RequestLimits {
  readonly #hosts = new Map<string, Slots>();
  readonly #windows = new Map<string, RateWindow>();

  constructor(
    readonly perHost: number,
    readonly rateOf: (providerId: string) => RateLimit | undefined,
  ) {}

  /**
   * Waits for a slot on the URL's host, then for the provider's rate window; returns the release
   * of the host slot. The host slot is held while waiting for the window, so requests that queued
   * behind a busy host can never start together in a burst over the rate.
   */
  async acquire(providerId: string, url: string): Promise<() => void> {
    const host = hostOf(url);
    let slots = this.#hosts.get(host);
    if (!slots) this.#hosts.set(host, (slots = new Slots(this.perHost)));
    await slots.acquire();
    const rate = this.rateOf(providerId);
    if (rate) {
      let window = this.#windows.get(providerId);
      if (!window) this.#windows.set(providerId, (window = new RateWindow(rate)));
      await window.take();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      slots.release();
    };
  }
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return url;
  }
}
