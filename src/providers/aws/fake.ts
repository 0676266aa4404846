// An offline AWS: one HTTP endpoint for every service the provider calls, answering each in its
// own protocol (fake-wire.ts) from fixtures/providers/aws/scenarios.json. The scenario is chosen by
// the access key id in the request's SigV4 credential scope; a key exists in one partition only.
import { startDemoFake, type FakeResponse, type ProviderFake, type RecordedRequest } from '../fake-kit.js';
import type { DemoFake } from '../types.js';
import {
  awsError,
  awsManifest,
  deniedCode,
  invalidKeyCode,
  keyKnownIn,
  lookupAws,
  mutatingCalls,
  parseAwsRequest,
  renderAws,
  type AwsCall,
  type AwsManifest,
} from './fake-wire.js';

export interface AwsFakeOptions {
  /** Re-signs a request with the key's known secret (the tests use the SDK's own signer); absent, signatures are not checked. */
  signatureValid?: (request: RecordedRequest, service: string, secret: string, sessionToken: string | undefined) => Promise<boolean>;
  /** Answers some calls first (hangs, outages, denials); undefined falls through to the scenario. */
  override?: (call: AwsCall) => FakeResponse | undefined;
  /** Every call as the fake understood it from the wire, with the outcome of the signature check. */
  calls?: AwsCall[];
}

/** The offline AWS for the keys of `manifest` (default: fixtures/providers/aws/scenarios.json). */
export function awsFake(options: AwsFakeOptions = {}, manifest: AwsManifest = awsManifest()): ProviderFake {
  const served = new Map<string, number>();
  return {
    id: 'aws',
    // The SDK's own endpoint variable (every service), and a Region so that no config file is needed.
    env: (url) => ({ AWS_ENDPOINT_URL: url, AWS_REGION: 'us-east-1' }),
    mutating: (request) => mutatingCalls([request]).length > 0,
    handler: async (request) => {
      const call = parseAwsRequest(request);
      options.calls?.push(call);
      // Outages (hangs, 5xx) come before AWS looks at the key: an override answers first.
      const overridden = options.override?.(call);
      if (overridden) return overridden;
      const key = call.accessKeyId ? manifest.keys[call.accessKeyId] : undefined;
      // Unknown key, or a key of another partition (the credential scope Region names the partition).
      if (!key || !keyKnownIn(key, call)) return awsError(call, 403, invalidKeyCode(call.service), 'The security token included in the request is invalid.');
      if (options.signatureValid) {
        call.signatureValid = await options.signatureValid(request, call.service, key.secret, key.sessionToken);
        if (!call.signatureValid || (key.sessionToken && request.headers['x-amz-security-token'] !== key.sessionToken)) {
          return awsError(call, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
        }
      }
      // A fake must not pretend to act: an EC2 mutation without DryRun=true is refused (tests also assert none is sent).
      if (call.service === 'ec2' && !call.dryRun && !/^Describe/.test(call.operation)) {
        return awsError(call, 400, 'FakeRefusesMutation', 'the fake AWS answers EC2 mutations only with DryRun=true');
      }
      const spec = lookupAws(manifest, key.scenario, call);
      if (spec === undefined) {
        const principal = manifest.scenarios[key.scenario].principal ?? 'unknown';
        const action = `${call.service}:${call.operation}`;
        return awsError(
          call,
          call.service === 'dynamodb' || call.service === 'kms' ? 400 : 403,
          deniedCode(call.service),
          `User: ${principal} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
        );
      }
      const servedKey = `${call.accessKeyId} ${call.service} ${call.operation} ${call.discriminator ?? ''}`;
      const times = served.get(servedKey) ?? 0;
      served.set(servedKey, times + 1);
      return renderAws(call, spec, times);
    },
  };
}

/** The demo's AWS: the key in fixtures/demo/.env is deploy-bot's, with AdministratorAccess. */
export function startDemo(): Promise<DemoFake> {
  return startDemoFake('AWS', awsFake());
}
