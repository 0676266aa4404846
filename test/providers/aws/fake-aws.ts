import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
// The SDK's own signer (a dependency of every AWS SDK v3 client) re-signs each request to check it.
import { SignatureV4 } from '@smithy/signature-v4';
import { FakeServer, type FakeResponse, type RecordedRequest } from '../../helpers/fake-server.js';
import { awsError, awsManifest, deniedCode, invalidKeyCode, keyKnownIn, lookupAws, parseAwsRequest, renderAws, type AwsCall } from '../../../src/demo/aws-fake.js';

export { mutatingCalls, parseAwsRequest, type AwsCall } from '../../../src/demo/aws-fake.js';

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
  const signer = new SignatureV4({ service, region, sha256: NodeSha256, credentials: { accessKeyId, secretAccessKey: secret, sessionToken }, uriEscapePath: service !== 's3' });
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
 * ONE fake AWS on 127.0.0.1 for every service the provider calls, speaking each one's protocol
 * (Query XML, REST-XML, JSON 1.0/1.1, REST-JSON) from fixtures/providers/aws/. The scenario is
 * chosen by the access key id the SDK signed with; the signature is checked like AWS would.
 */
export class FakeAws {
  readonly server: FakeServer;
  readonly calls: AwsCall[] = [];
  readonly #served = new Map<string, number>();
  #override: ((call: AwsCall) => FakeResponse | undefined) | undefined;

  constructor() {
    this.server = new FakeServer((request) => this.#answer(request));
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

  async #answer(request: RecordedRequest): Promise<FakeResponse> {
    const call = parseAwsRequest(request as Parameters<typeof parseAwsRequest>[0]);
    this.calls.push(call);
    // Outages (hangs, 5xx) come before AWS looks at the key: an override answers first.
    const overridden = this.#override?.(call);
    if (overridden) return overridden;
    const key = call.accessKeyId ? manifest.keys[call.accessKeyId] : undefined;
    // Unknown key, or a key of another partition (the credential scope Region names the partition).
    if (!key || !keyKnownIn(key, call)) return awsError(call, 403, invalidKeyCode(call.service), 'The security token included in the request is invalid.');
    call.signatureValid = await signatureValid(request, call.service, key.secret, key.sessionToken);
    if (!call.signatureValid || (key.sessionToken && request.headers['x-amz-security-token'] !== key.sessionToken)) {
      return awsError(call, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    // A fake must not pretend to act: an EC2 mutation without DryRun=true is refused (tests also assert none is sent).
    if (call.service === 'ec2' && !call.dryRun && !/^Describe/.test(call.operation)) {
      return awsError(call, 400, 'FakeRefusesMutation', 'the fake AWS answers EC2 mutations only with DryRun=true');
    }
    const scenario = manifest.scenarios[key.scenario];
    const spec = lookupAws(manifest, key.scenario, call);
    if (spec === undefined) {
      const principal = scenario.principal ?? 'unknown';
      return awsError(call, call.service === 'dynamodb' || call.service === 'kms' ? 400 : 403, deniedCode(call.service), `User: ${principal} is not authorized to perform: ${call.service}:${call.operation} because no identity-based policy allows the ${call.service}:${call.operation} action`);
    }
    const servedKey = `${call.accessKeyId} ${call.service} ${call.operation} ${call.discriminator ?? ''}`;
    const times = this.#served.get(servedKey) ?? 0;
    this.#served.set(servedKey, times + 1);
    return renderAws(call, spec, times) as FakeResponse;
  }
}

