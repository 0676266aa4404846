import { describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../src/assess/assess.js';
import { classifyResource, managedHostOf } from '../src/assess/classify.js';
import { defaultConfig } from '../src/config/config.js';
import type { VerificationResult } from '../src/core/types.js';
import { PROVIDERS } from '../src/providers/registry.js';

const classOf = (id: string, config = defaultConfig()) => classifyResource(id, config);

describe('managed database hosts', () => {
  // One host per suffix class, in the format its documentation shows.
  const hosts: [string, string][] = [
    ['postgres://mydb.123456789012.us-east-1.rds.amazonaws.com:5432/shop', 'Amazon RDS'],
    ['postgres://shop.postgres.database.azure.com:5432/shop', 'Azure Database for PostgreSQL'],
    ['mysql://shop.mysql.database.azure.com:3306/shop', 'Azure Database for MySQL'],
    ['redis://shop.redis.cache.windows.net:6380', 'Azure Cache for Redis'],
    ['postgres://db.abcdefghijklmnop.supabase.co:5432/postgres', 'Supabase'],
    ['postgres://aws-0-eu-west-1.pooler.supabase.com:6543/postgres', 'Supabase pooler'],
    ['postgres://ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech:5432/neondb', 'Neon'],
    ['mysql://aws.connect.psdb.cloud:3306/shop', 'PlanetScale'],
    ['mongodb://cluster0.ab1cd.mongodb.net/shop', 'MongoDB Atlas'],
    ['postgres://backend-do-user-19081923-0.db.ondigitalocean.com:25060/defaultdb', 'DigitalOcean Managed Databases'],
    ['postgres://pg-shop-acme.aivencloud.com:12691/defaultdb', 'Aiven'],
  ];

  it.each(hosts)('%s is production, the reason names %s', (id, service) => {
    const { resourceClass, reason } = classOf(id);
    expect(resourceClass).toBe('production');
    expect(reason).toMatch(new RegExp(`^heuristic: a managed database host \\(${service}: \\*\\.`));
  });

  it('the server wildcard of an unknown and every host of a seed list count', () => {
    expect(classOf('postgres://mydb.abc.eu-west-1.rds.amazonaws.com:5432/*').resourceClass).toBe('production');
    expect(classOf('mongodb://10.0.0.5:27017,shard-00-01.ab1cd.mongodb.net:27017/*').resourceClass).toBe('production');
  });

  it('matches on a label boundary only, case and a trailing dot aside', () => {
    expect(managedHostOf('postgres://X.RDS.AMAZONAWS.COM.:5432/db')?.service).toBe('Amazon RDS');
    expect(managedHostOf('postgres://evilrds.amazonaws.com.attacker.net:5432/db')).toBeUndefined();
    expect(managedHostOf('postgres://evilrds.amazonaws.com:5432/db')).toBeUndefined();
    expect(managedHostOf('postgres://rds.amazonaws.com:5432/db')).toBeUndefined();
    expect(managedHostOf('postgres://[::1]:5432/db')).toBeUndefined();
    expect(managedHostOf('arn:aws:rds:us-east-1:1:db:x.rds.amazonaws.com')).toBeUndefined();
    expect(classOf('postgres://db.acme-shop.internal:5432/shop').resourceClass).toBe('other');
  });

  it('a non-production word in the id keeps it unclassified, with the word as the reason', () => {
    for (const id of [
      'postgres://shop-staging.abc.us-east-1.rds.amazonaws.com:5432/shop',
      'mongodb://cluster0.ab1cd.mongodb.net/dev',
      'mysql://aws.connect.psdb.cloud:3306/shop_test',
    ]) {
      const { resourceClass, reason } = classOf(id);
      expect(resourceClass, id).toBe('other');
      expect(reason).toMatch(/^not classified \(a managed database host, but the name contains "(staging|dev|test)"\)$/);
    }
  });

  it('the project config decides first, then a backup word, then a production word', () => {
    const config = defaultConfig();
    config.resources.other = ['postgres://*.rds.amazonaws.com:5432/*'];
    expect(classOf('postgres://mydb.abc.us-east-1.rds.amazonaws.com:5432/shop', config)).toEqual({
      resourceClass: 'other',
      reason: 'config: postgres://*.rds.amazonaws.com:5432/*',
    });
    expect(classOf('postgres://shop-replica.abc.us-east-1.rds.amazonaws.com:5432/shop')).toEqual({
      resourceClass: 'backup',
      reason: 'heuristic: name contains "replica"',
    });
    expect(classOf('postgres://shop-prod.abc.us-east-1.rds.amazonaws.com:5432/shop').reason).toBe('heuristic: name contains "prod"');
  });

  it('every suffix is a dotted host suffix with a documentation page, declared once', () => {
    const all = PROVIDERS.flatMap((m) => (m.managedHosts ?? []).map((h) => ({ ...h, provider: m.id })));
    expect(all.length).toBeGreaterThanOrEqual(11);
    for (const h of all) {
      expect(h.suffix, h.provider).toMatch(/^(\.[a-z0-9-]+){2,}$/);
      expect(h.doc, h.suffix).toMatch(/^https:\/\//);
    }
    expect(new Set(all.map((h) => h.suffix)).size).toBe(all.length);
  });
});

describe('managed database hosts through the assessment', () => {
  const id = 'postgres://shop.abc123xyz.eu-west-1.rds.amazonaws.com:5432/shop';
  const verification: VerificationResult = {
    status: 'live',
    identity: { principal: 'shop' },
    grants: [{ action: 'destroy', resource: id, operation: 'DROP', evidence: 'owner of database shop' }],
    resources: [{ id, type: 'postgres-database', name: 'shop', provider: 'postgres' }],
    protections: [],
    unknowns: [],
    notes: [],
  };
  const token = { id: 'm'.repeat(64), provider: 'postgres', ruleId: 'postgres.connection-url', kind: 'connection-url', redacted: 'postgres://shop:…@shop…' };

  it('a live login that can drop a database on a managed host reaches production: destroy, high', () => {
    const br = assessBlastRadius({ token, verification, config: defaultConfig() });
    expect({ production: br.production, severity: br.severity }).toEqual({ production: 'destroy', severity: 'high' });
    // The report says why the database counts as production (JSON classifiedBy; text --verbose).
    expect(br.paths.find((p) => p.resourceClass === 'production')?.classifiedBy).toMatch(/^heuristic: a managed database host \(Amazon RDS/);
  });

  it('the credential found under staging: keeps it unclassified; blastradius.yaml still wins', () => {
    const hints = [{ name: 'environment', value: 'staging', line: 3, file: 'config/database.yml' }];
    expect(assessBlastRadius({ token: { ...token, hints }, verification, config: defaultConfig() }).production).toBe('none');
    const config = defaultConfig();
    config.resources.other = ['postgres://*.rds.amazonaws.com:5432/*'];
    expect(assessBlastRadius({ token, verification, config }).production).toBe('none');
  });
});
