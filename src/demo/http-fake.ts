import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DemoRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface DemoResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | object;
}

/** A tiny HTTP server on 127.0.0.1 for the demo's provider fakes; it records every request. */
export async function startHttpFake(handle: (request: DemoRequest, base: string) => DemoResponse): Promise<{ url: string; requests: DemoRequest[]; close: () => Promise<void> }> {
  const requests: DemoRequest[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: DemoRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      let answer: DemoResponse;
      try {
        answer = handle(request, base);
      } catch (error) {
        answer = { status: 500, body: { message: `demo fake failed: ${(error as Error).message}` } };
      }
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', ...answer.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
