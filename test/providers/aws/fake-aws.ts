import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
// The SDK's own signer (a dependency of every AWS SDK v3 client) re-signs each request to check it.
import { SignatureV4 } from '@smithy/signature-v4';
import { awsFake } from '../../../src/providers/aws/fake.js';
import { awsManifest, type AwsCall } from '../../../src/providers/aws/fake-wire.js';
import type { ProviderFake } from '../../../src/providers/fake-kit.js';
import { FakeServer, type FakeResponse, type RecordedRequest } from '../../../src/providers/fake-server.js';

export { mutatingCalls, parseAwsRequest, type AwsCall } from '../../../src/providers/aws/fake-wire.js';

export const manifest = awsManifest();

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Buffer =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.#hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }
}

/** Re-signs the request with the key's known secret: proves the SDK signed with the scanned credential. */
async function signatureValid(request: RecordedRequest, service: string, secret: string, sessionToken: string | undefined): Promise<boolean> {
  const auth = String(request.headers.authorization ?? '');
  const signed = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
  const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1] ?? 'us-east-1';
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const date = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const headers: Record<string, string> = {};
  for (const name of signed) headers[name] = String(request.headers[name] ?? '');
  const accessKeyId = /Credential=([^/]+)/.exec(auth)?.[1] ?? '';
  const signer = new SignatureV4({
    service,
    region,
    sha256: NodeSha256,
    credentials: { accessKeyId, secretAccessKey: secret, sessionToken },
    uriEscapePath: service !== 's3',
  });
  const query: Record<string, string> = {};
  for (const [k, v] of request.query) query[k] = v;
  const resigned = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: '127.0.0.1', path: request.path, query, headers, body: request.body || undefined },
    { signingDate: date, signingRegion: region, signingService: service },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(resigned.headers.authorization ?? ''))?.[1];
  return !!expected && expected === /Signature=([0-9a-f]+)/.exec(auth)?.[1];
}

/**
 * The offline AWS of src/providers/aws/fake.ts on its own server, checking every signature as
 * AWS would (with the SDK's signer) and keeping the calls it parsed.
 */
export class FakeAws {
  readonly calls: AwsCall[] = [];
  readonly fake: ProviderFake;
  readonly server: FakeServer;
  #override: ((call: AwsCall) => FakeResponse | undefined) | undefined;

  constructor() {
    this.fake = awsFake({ signatureValid, calls: this.calls, override: (call) => this.#override?.(call) });
    this.server = new FakeServer(this.fake.handler);
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get url(): string {
    return this.server.url;
  }

  /** Lets a test answer some calls itself (hangs, outages); undefined falls through to the fixtures. */
  override(handler: ((call: AwsCall) => FakeResponse | undefined) | undefined): void {
    this.#override = handler;
  }

  callsOf(accessKeyId: string): AwsCall[] {
    return this.calls.filter((c) => c.accessKeyId === accessKeyId);
  }
}
