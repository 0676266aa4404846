/**
 * AWS partitions: separate copies of IAM and STS. A key issued in one is unknown to the others, so
 * the commercial partition's InvalidClientTokenId says nothing about a key of AWS China or
 * AWS GovCloud (US). Each partition's STS answers at its own Regional endpoint, signed for one of
 * its Regions:
 * - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html
 *   (sts.cn-north-1.amazonaws.com.cn, sts.cn-northwest-1.amazonaws.com.cn; "To use AWS in China,
 *   you need an account and credentials specific to AWS in China")
 * - https://docs.aws.amazon.com/general/latest/gr/sts.html (sts.us-gov-west-1.amazonaws.com,
 *   sts.us-gov-east-1.amazonaws.com)
 * - https://docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html
 *   ("Customers in partitions other than commercial must use Regional endpoints")
 * The SDK derives the host and the SigV4 credential scope from the client's Region, so choosing a
 * partition is choosing a Region of it.
 */
export interface Partition {
  id: 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f';
  /** The Region STS is asked in when nothing names one of this partition. */
  defaultRegion: string;
  /** False for the isolated partitions: their endpoints are not reachable from the internet. */
  reachable: boolean;
}

const AWS: Partition = { id: 'aws', defaultRegion: 'us-east-1', reachable: true };
const AWS_CN: Partition = { id: 'aws-cn', defaultRegion: 'cn-north-1', reachable: true };
const AWS_US_GOV: Partition = { id: 'aws-us-gov', defaultRegion: 'us-gov-west-1', reachable: true };

/** The partitions a key found with no hint could belong to, in the order they are asked. */
export const PUBLIC_PARTITIONS: readonly Partition[] = [AWS, AWS_CN, AWS_US_GOV];

// Region name prefixes of the isolated partitions (not reachable: a key of theirs stays unverified).
const ISOLATED: [RegExp, Partition['id']][] = [
  [/^us-isob-/, 'aws-iso-b'],
  [/^us-iso-/, 'aws-iso'],
  [/^eu-isoe-/, 'aws-iso-e'],
  [/^us-isof-/, 'aws-iso-f'],
];

const REGION_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** The partition a Region name belongs to; undefined when it is not a Region name. */
export function partitionOfRegion(region: string): Partition | undefined {
  const name = region.trim().toLowerCase();
  if (!REGION_NAME.test(name)) return undefined;
  if (name.startsWith('cn-')) return AWS_CN;
  if (name.startsWith('us-gov-')) return AWS_US_GOV;
  for (const [prefix, id] of ISOLATED) if (prefix.test(name)) return { id, defaultRegion: name, reachable: false };
  return AWS;
}

/**
 * The Region named by the rule's `regionSetting` part (`AWS_REGION=cn-north-1`, `region = …`,
 * `"region": "…"`). The part keeps its key name on purpose: every extra of a token is scrubbed from
 * results as a secret, and a bare Region name would be blanked out of every ARN.
 */
export function regionFromSetting(setting: string | undefined): string | undefined {
  if (!setting) return undefined;
  const value = /[:=]\s*["']?([A-Za-z0-9-]+)["']?\s*$/.exec(setting)?.[1]?.toLowerCase();
  return value && partitionOfRegion(value) ? value : undefined;
}

/** The Region to use in a partition: the configured one when it belongs to it, else the hinted one, else its default. */
export function regionIn(partition: Partition, configured: string, hinted: string | undefined): string {
  if (partitionOfRegion(configured)?.id === partition.id) return configured;
  if (hinted && partitionOfRegion(hinted)?.id === partition.id) return hinted;
  return partition.defaultRegion;
}

/** The account's ARN patterns in one partition: everything with the account in it, and S3 (bucket ARNs carry no account). */
export function accountPatterns(partition: string, account: string): string[] {
  return [`arn:${partition}:*:*:${account}:*`, `arn:${partition}:s3:::*`];
}
