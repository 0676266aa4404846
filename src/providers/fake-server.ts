import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every request a fake provider saw, so tests can assert that nothing mutating was sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
  /** Milliseconds to wait before answering (timeouts). */
  delayMs?: number;
  /** Never answer (hanging server). */
  hang?: boolean;
  /** Close the socket mid-response (truncated body). */
  destroyAfterBytes?: number;
}

/** Answers one request; `base` is the fake's own URL (for answers that link back to it, e.g. pagination). */
export type FakeHandler = (request: RecordedRequest, base: string) => FakeResponse | Promise<FakeResponse>;

/**
 * A fake provider API on 127.0.0.1 speaking the provider's wire format: the handler decides what
 * to answer (usually a provider's fake, src/providers/<id>/fake.ts, from recorded responses under
 * fixtures/providers/<id>/), and every request is recorded so that a caller can prove nothing
 * mutating was sent. The one fake HTTP server of the tests and of `blastradius demo`.
 */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  #server: Server | undefined;
  #handler: FakeHandler;
  readonly #open = new Set<ServerResponse>();

  constructor(handler: FakeHandler) {
    this.#handler = handler;
  }

  /** Replaces the handler (e.g. to switch from "down" to "recovered"). */
  setHandler(handler: FakeHandler): void {
    this.#handler = handler;
  }

  get url(): string {
    const address = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(recorded);
        let answer: FakeResponse;
        try {
          answer = await this.#handler(recorded, this.url);
        } catch (error) {
          answer = { status: 599, body: `fake server handler failed: ${(error as Error).message}` };
        }
        if (answer.hang) {
          this.#open.add(res);
          return;
        }
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
        const body = typeof answer.body === 'string' || answer.body === undefined ? (answer.body ?? '') : JSON.stringify(answer.body);
        const headers = { 'content-type': typeof answer.body === 'object' ? 'application/json; charset=utf-8' : 'text/plain', ...answer.headers };
        if (answer.destroyAfterBytes !== undefined) {
          res.writeHead(answer.status ?? 200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
          res.write(body.slice(0, answer.destroyAfterBytes), () => res.destroy());
          return;
        }
        res.writeHead(answer.status ?? 200, headers);
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.#open) res.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}
