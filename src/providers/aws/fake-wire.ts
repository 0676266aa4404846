// The wire side of the offline AWS (fake.ts): which service and operation a request is, per
// protocol (Query XML for STS/IAM/RDS/EC2, REST-XML for S3, REST-JSON for Backup, JSON 1.0/1.1 for
// DynamoDB/KMS), and how AWS answers it, errors included, from fixtures/providers/aws/ (README:
// the doc page of each answer).
import { fixtureText, type FakeResponse, type RecordedRequest } from '../fake-kit.js';

export type AwsWireRequest = RecordedRequest;

export function awsFixture(name: string): string {
  return fixtureText('aws', name);
}

export function awsManifest(): AwsManifest {
  return JSON.parse(awsFixture('scenarios.json')) as AwsManifest;
}

export type ResponseSpec =
  | string
  | { file?: string; status?: number; error?: string; message?: string; headers?: Record<string, string>; then?: ResponseSpec; hang?: boolean };

export interface AwsManifest {
  account: string;
  /** `partition`: the one partition whose STS/IAM know the key (default `aws`), as with real AWS. */
  keys: Record<string, { secret: string; sessionToken?: string; scenario: string; partition?: string }>;
  scenarios: Record<string, Record<string, ResponseSpec> & { extends?: string; principal?: string }>;
}

/** One AWS API call as the fake understood it from the wire. */
export interface AwsCall {
  service: string;
  operation: string;
  discriminator?: string;
  accessKeyId?: string;
  /** The Region of the SigV4 credential scope: it decides which partition the request is for. */
  region?: string;
  /** EC2 `DryRun=true`: asks whether the call would be allowed, changes nothing. */
  dryRun?: boolean;
  method: string;
  path: string;
  signatureValid?: boolean;
}

const QUERY_NAMESPACES: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
  ec2: 'http://ec2.amazonaws.com/doc/2016-11-15/',
};
const JSON_VERSION: Record<string, string> = { dynamodb: '1.0', kms: '1.1' };
const REST_SERVICES = new Set(['s3', 'backup']);
const MUTATING =
  /^(Delete|Put|Create|Update|Attach|Detach|Modify|Schedule|Disable|Remove|Add|Cancel|Restore|Start|Stop|Tag|Untag|Set|Enable|Pass|Upload|Copy|Abort|Complete|Replace|Reset|Revoke|Authorize)/;

/** Reads service, operation and key id from a recorded request, per protocol. */
export function parseAwsRequest(request: AwsWireRequest): AwsCall {
  const auth = String(request.headers.authorization ?? '');
  const credential = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  const service = credential?.[3] ?? 'unknown';
  const base = { service, accessKeyId: credential?.[1], region: credential?.[2], method: request.method, path: request.path };
  const contentType = String(request.headers['content-type'] ?? '');
  const target = request.headers['x-amz-target'];
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(request.body);
    const discriminator =
      params.get('PolicyArn') ?? params.get('PolicyName') ?? params.get('GroupName') ?? params.get('VolumeId') ?? params.get('SnapshotId') ?? undefined;
    return { ...base, operation: params.get('Action') ?? '?', discriminator, ...(params.get('DryRun') === 'true' ? { dryRun: true } : {}) };
  }
  if (typeof target === 'string') {
    const params = (request.body ? JSON.parse(request.body) : {}) as Record<string, unknown>;
    const discriminator = (params.TableName ?? params.KeyId) as string | undefined;
    return { ...base, operation: target.split('.').pop() ?? '?', discriminator };
  }
  if (service === 's3') {
    const [bucket] = request.path.split('/').filter(Boolean);
    if (!bucket) return { ...base, operation: request.method === 'GET' ? 'ListBuckets' : `${request.method} /` };
    const sub = ['versioning', 'object-lock', 'policy'].find((k) => request.query.has(k));
    const operation =
      request.method !== 'GET'
        ? `${request.method} bucket`
        : ({ versioning: 'GetBucketVersioning', 'object-lock': 'GetObjectLockConfiguration', policy: 'GetBucketPolicy' }[sub ?? ''] ?? 'GET bucket');
    return { ...base, operation, discriminator: bucket };
  }
  if (service === 'backup') {
    const parts = request.path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'backup-vaults' && parts.length === 1)
      return { ...base, operation: request.method === 'GET' ? 'ListBackupVaults' : `${request.method} vaults` };
    if (parts[0] === 'backup-vaults' && parts.length === 2)
      return { ...base, operation: request.method === 'GET' ? 'DescribeBackupVault' : `${request.method} vault`, discriminator: parts[1] };
    if (parts[0] === 'backup-vaults' && parts[2] === 'access-policy')
      return { ...base, operation: request.method === 'GET' ? 'GetBackupVaultAccessPolicy' : `${request.method} access-policy`, discriminator: parts[1] };
  }
  return { ...base, operation: `${request.method} ${request.path}` };
}

/**
 * Requests that would change something: a Query `Action` or JSON `X-Amz-Target` named like a
 * mutation, or anything but GET/HEAD to a REST service (S3, Backup). The one exception is an EC2
 * call with `DryRun=true`, which EC2 answers without acting (DryRunOperation / UnauthorizedOperation:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 */
export function mutatingCalls(requests: readonly AwsWireRequest[]): AwsCall[] {
  return requests
    .map(parseAwsRequest)
    .filter((call) => !(call.service === 'ec2' && call.dryRun === true))
    .filter((call) => MUTATING.test(call.operation) || (REST_SERVICES.has(call.service) && call.method !== 'GET' && call.method !== 'HEAD'));
}

/** The partition a SigV4 credential scope Region belongs to (as AWS routes it: by the Region's endpoint). */
export function partitionOfSigningRegion(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A key exists in one partition only: signed for another partition's Region, AWS does not know it. */
export function keyKnownIn(key: { partition?: string } | undefined, call: AwsCall): boolean {
  return !!key && (key.partition ?? 'aws') === partitionOfSigningRegion(call.region);
}

export function lookupAws(manifest: AwsManifest, scenarioName: string, call: AwsCall): ResponseSpec | undefined {
  for (let name: string | undefined = scenarioName; name; name = manifest.scenarios[name]?.extends) {
    const scenario = manifest.scenarios[name];
    const specific = call.discriminator !== undefined ? scenario[`${call.service} ${call.operation} ${call.discriminator}`] : undefined;
    if (specific !== undefined) return specific;
  }
  for (let name: string | undefined = scenarioName; name; name = manifest.scenarios[name]?.extends) {
    const general = manifest.scenarios[name][`${call.service} ${call.operation}`];
    if (general !== undefined) return general;
  }
  return undefined;
}

export function renderAws(call: AwsCall, spec: ResponseSpec, times: number): FakeResponse {
  if (typeof spec === 'string') return { status: 200, headers: { 'content-type': contentType(call.service, spec) }, body: awsFixture(spec) };
  if (spec.then !== undefined && times > 0) return renderAws(call, spec.then, times - 1);
  if (spec.hang) return { hang: true };
  if (spec.error)
    return {
      ...awsError(call, spec.status ?? 400, spec.error, spec.message ?? spec.error),
      ...(spec.headers ? { headers: { ...awsError(call, 400, '', '').headers, ...spec.headers } } : {}),
    };
  return {
    status: spec.status ?? 200,
    headers: { 'content-type': contentType(call.service, spec.file ?? ''), ...spec.headers },
    body: spec.file ? awsFixture(spec.file) : '',
  };
}

function contentType(service: string, file: string): string {
  if (JSON_VERSION[service]) return `application/x-amz-json-${JSON_VERSION[service]}`;
  if (file.endsWith('.json')) return 'application/json';
  return service === 's3' ? 'application/xml' : 'text/xml';
}

export function awsError(call: AwsCall, status: number, code: string, message: string): FakeResponse {
  const fill = (template: string) =>
    template
      .replaceAll('{{code}}', code)
      .replaceAll('{{message}}', message.replace(/[<>&"]/g, ' '))
      .replaceAll('{{type}}', status >= 500 ? 'Receiver' : 'Sender')
      .replaceAll('{{xmlns}}', QUERY_NAMESPACES[call.service] ?? '');
  if (call.service === 'ec2') return { status, headers: { 'content-type': 'text/xml' }, body: fill(awsFixture('errors/ec2.xml')) };
  if (QUERY_NAMESPACES[call.service]) return { status, headers: { 'content-type': 'text/xml' }, body: fill(awsFixture('errors/query.xml')) };
  if (call.service === 's3') return { status, headers: { 'content-type': 'application/xml' }, body: fill(awsFixture('errors/s3.xml')) };
  if (JSON_VERSION[call.service])
    return { status, headers: { 'content-type': `application/x-amz-json-${JSON_VERSION[call.service]}` }, body: fill(awsFixture('errors/json.json')) };
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': code }, body: fill(awsFixture('errors/rest-json.json')) };
}

export function invalidKeyCode(service: string): string {
  if (service === 's3') return 'InvalidAccessKeyId';
  if (service === 'ec2') return 'AuthFailure';
  if (JSON_VERSION[service] || service === 'backup') return 'UnrecognizedClientException';
  return 'InvalidClientTokenId';
}

export function deniedCode(service: string): string {
  if (service === 'ec2') return 'UnauthorizedOperation';
  return JSON_VERSION[service] || service === 'backup' ? 'AccessDeniedException' : 'AccessDenied';
}
