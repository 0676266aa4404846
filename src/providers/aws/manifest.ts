// The aws provider: what blastradius knows about it without a network call.
// API docs: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
import type { ProviderManifest } from '../types.js';
import { canaryOf } from './canary.js';
import { recommendAws } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'aws',
  docsUrl: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
  rules: ['aws.access-key'],
  load: () => import('./index.js'),
  demo: () => import('./fake.js').then((fake) => fake.startDemo()),
  resourceKinds: {
    's3-bucket': {},
    'rds-db-instance': {},
    'rds-db-cluster': {},
    'rds-db-snapshot': { backup: true },
    'rds-db-cluster-snapshot': { backup: true },
    'dynamodb-table': {},
    'dynamodb-backup': { backup: true },
    'backup-vault': { backup: true },
    'recovery-point': { backup: true },
    'kms-key': {},
    'ebs-volume': {},
    'ebs-snapshot': { backup: true },
  },
  // ARN resource types that are backups, for ARNs named only in the config.
  backupIdMarkers: [':backup-vault:', ':recovery-point:', ':snapshot:', ':cluster-snapshot:', ':db-snapshot:', ':backup/', ':table/*/backup/'],
  // Instance and cluster endpoints: `mydb.123456789012.us-east-1.rds.amazonaws.com` (RDS and Aurora).
  managedHosts: [
    {
      suffix: '.rds.amazonaws.com',
      service: 'Amazon RDS',
      doc: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ConnectToInstance.EndpointAndPort.html',
    },
  ],
  sharedFate: [
    {
      operation: 'rds:DeleteDBInstance',
      reason: 'RDS deletes the automated backups with the instance',
      doc: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html',
      always: true,
    },
    {
      operation: 'rds:DeleteDBCluster',
      reason: 'RDS deletes the automated backups with the cluster',
      doc: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html',
      always: true,
    },
  ],
  recommend: recommendAws,
  endpointEnv: ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_*'],
  ciSecretNames: /AWS/i,
  canary: canaryOf,
};

export default manifest;
