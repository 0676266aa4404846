import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../src/assess/assess.js';
import { defaultConfig } from '../src/config/config.js';
import { Secret } from '../src/core/secret.js';
import { secretId, setIdKeyEnvironment } from '../src/core/token-id.js';
import type { Token, VerificationResult } from '../src/core/types.js';
import { Detector } from '../src/detect/detector.js';
import { rulesFor } from '../src/rules/builtin.js';
import { verifyTokens } from '../src/verify/verify.js';
import { testContext } from './helpers/provider.js';
import { TOKENS, cli, makeWorkspace } from './helpers/workspace.js';

const detector = new Detector(rulesFor());
const detect = (text: string, path: string) => detector.detectText(text, path);
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function workspace(files: Record<string, string>): string {
  const w = makeWorkspace(files);
  cleanups.push(w.cleanup);
  return w.dir;
}

const WP =
  "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp_user' );\ndefine( 'DB_PASSWORD', 'Tq8#vLm2xR9w' );\ndefine( 'DB_HOST', 'db.example.com:3306' );\n";

describe('assembly of a login spread over a config', () => {
  it('makes one credential with the canonical URL as its secret, every part as a location, one redacted display', () => {
    const [login, ...rest] = detect(WP, 'wp-config.php');
    expect(rest).toEqual([]);
    expect(login.ruleId).toBe('mysql.connection-url');
    // scheme://user:password@host:port/database, user and password percent-encoded: what the MySQL provider parses.
    expect(login.secret).toBe('mysql://wp_user:Tq8%23vLm2xR9w@db.example.com:3306/wordpress');
    expect(login.redacted).toBe('mysql://wp_user:…@db.example.com:3306/wordpress');
    expect(login.line).toBe(4);
    expect(login.also?.map((a) => a.line).sort()).toEqual([2, 3, 5]);
  });

  it('gives a guessable password a keyed id, never a plain hash of the canonical string', () => {
    setIdKeyEnvironment({ BLASTRADIUS_ID_KEY: 'test-key' });
    const [login] = detect(WP, 'wp-config.php');
    expect(secretId(login.secret).kind).toBe('keyed');
  });

  it('carries the framework environment as a hint (Rails production:)', () => {
    const yml =
      'default: &default\n  adapter: postgresql\n  host: pg.internal\nproduction:\n  <<: *default\n  database: shop\n  username: shop\n  password: Kq7#vM2xLp9R\n';
    const [login] = detect(yml, 'config/database.yml');
    expect(login.secret).toBe('postgres://shop:Kq7%23vM2xLp9R@pg.internal:5432/shop');
    expect(login.hints).toContainEqual(expect.objectContaining({ name: 'environment', value: 'production' }));
  });

  it('keeps a password with no host as a finding that says why it cannot be verified', () => {
    const found = detect('DB_CONNECTION=mysql\nDB_USERNAME=crm\nDB_PASSWORD=Wx5#nK8qLz3V\n', '.env');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'mysql.connection-url', redacted: 'mysql://crm:…@', unverifiable: 'no host found' });
  });

  it('reads a superuser password as the image documents it: MYSQL_ROOT_PASSWORD is root, POSTGRES_PASSWORD is POSTGRES_USER or postgres', () => {
    const compose =
      'services:\n  mysql:\n    image: mysql:8\n    environment:\n      MYSQL_USER: app\n      MYSQL_PASSWORD: Ap7#kL2mQx9V\n      MYSQL_ROOT_PASSWORD: Rt4!vZ8nWq3L\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Pg6#mX2vLq8T\n';
    expect(
      detect(compose, 'docker-compose.yml')
        .map((c) => c.redacted)
        .sort(),
    ).toEqual(['mysql://app:…@mysql:3306', 'mysql://root:…@mysql:3306', 'postgres://postgres:…@db:5432']);
  });

  it('drops a development or test login on localhost with a default password, and no generic finding repeats it', () => {
    const yml =
      'development:\n  adapter: mysql2\n  host: localhost\n  username: root\n  password: root123\ntest:\n  adapter: mysql2\n  host: 127.0.0.1\n  username: app\n  password: test1234\n';
    expect(detect(yml, 'config/database.yml')).toEqual([]);
  });

  it('reports a development login with a real password, never as production', () => {
    const yml = 'development:\n  adapter: postgresql\n  host: localhost\n  username: dev\n  password: Zx8!pQ3mR7tV\n';
    const [login] = detect(yml, 'config/database.yml');
    expect(login.hints).toContainEqual(expect.objectContaining({ name: 'environment', value: 'development' }));
  });

  it.each([
    ['${DB_PASSWORD}', '.env', 'DB_CONNECTION=pgsql\nDB_HOST=db.internal\nDB_PASSWORD=${DB_PASSWORD}\n'],
    ['%(password)s', 'settings.ini', '[db]\nengine = postgresql\nhost = db.internal\npassword = %(password)s\n'],
    ['<password>', '.env', 'DB_CONNECTION=pgsql\nDB_HOST=db.internal\nDB_PASSWORD=<password>\n'],
    ['changeme', '.env', 'DB_CONNECTION=pgsql\nDB_HOST=db.internal\nDB_PASSWORD=changeme\n'],
    ['password', '.env', 'DB_CONNECTION=pgsql\nDB_HOST=db.internal\nDB_PASSWORD=password\n'],
    ['example', '.env', 'DB_CONNECTION=pgsql\nDB_HOST=db.internal\nDB_PASSWORD=example\n'],
    ['xxx', '.env', 'DB_CONNECTION=pgsql\nDB_HOST=db.internal\nDB_PASSWORD=xxxxxxxx\n'],
    ['getenv(...)', 'wp-config.php', "define('DB_PASSWORD', getenv('DB_PASSWORD'));\ndefine('DB_HOST', 'db.internal');\n"],
    ['ENV[...]', 'config/database.yml', "production:\n  adapter: postgresql\n  host: db.internal\n  password: <%= ENV['DB_PASSWORD'] %>\n"],
    ['process.env.X', 'knexfile.js', "module.exports = { client: 'pg', connection: { host: 'db.internal', password: process.env.DB_PASSWORD } };\n"],
  ])('a placeholder is not a finding: %s', (_name, path, text) => {
    expect(detect(text, path)).toEqual([]);
  });

  it('never reports a generic secret where a specific rule found the value', () => {
    const env = `GITHUB_TOKEN=${TOKENS.githubClassic}\nAWS_ACCESS_KEY_ID=${TOKENS.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${TOKENS.awsSecret}\nDB_PASSWORD_URL=${TOKENS.postgresUrl}\n`;
    expect(
      detect(env, '.env')
        .map((c) => c.ruleId)
        .sort(),
    ).toEqual(['aws.access-key', 'github.classic-pat', 'postgres.connection-url']);
  });

  it('runs no last-resort rule in a TypeScript declaration file, every specific rule still', () => {
    const doc = ` * @example\n * const input = {\n *   NewPassword: "q7]Lw2{xR9zT",\n *   Token: "${TOKENS.githubClassic}"\n * };\n`;
    expect(detect(doc, 'types/commands.ts').map((c) => c.ruleId)).toContain('generic.secret');
    for (const path of ['types/commands.d.ts', 'types/commands.d.mts', 'types/commands.d.cts'])
      expect(detect(doc, path).map((c) => c.ruleId)).toEqual(['github.classic-pat']);
  });

  it('decodes a Kubernetes Secret and reports what is inside at the encoded line', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  GITHUB_TOKEN: ${b64(TOKENS.githubClassic)}\n  DATABASE_URL: ${b64(TOKENS.postgresUrl)}\n`;
    expect(detect(yaml, 'k8s/secret.yaml').map((c) => `${c.line} ${c.ruleId}`)).toEqual(['6 github.classic-pat', '7 postgres.connection-url']);
  });
});

describe('an assembled login with no host is never sent anywhere', () => {
  it('stays unverified with its reason, without loading a provider', async () => {
    const token: Token = {
      id: 'x'.repeat(64),
      ruleId: 'mysql.connection-url',
      provider: 'mysql',
      kind: 'connection-url',
      redacted: 'mysql://crm:…@',
      locations: [],
      secret: new Secret('mysql://crm:Wx5%23nK8qLz3V@'),
      unverifiable: 'no host found',
    };
    let asked = 0;
    const results = await verifyTokens([token], { offline: false, context: testContext(), concurrency: 1, providerFor: async () => (asked++, undefined) });
    expect(results.get(token.id)).toMatchObject({ status: 'unverified', detail: 'no host found' });
    expect(asked).toBe(0);
  });
});

describe('the framework environment reaches the classification', () => {
  const verification: VerificationResult = {
    status: 'live',
    identity: { principal: 'shop@pg.internal:5432' },
    grants: [{ action: 'destroy', resource: 'postgres://pg.internal:5432/shop', evidence: 'owner of database shop', operation: 'DROP DATABASE' }],
    resources: [{ id: 'postgres://pg.internal:5432/shop', type: 'postgres-database', name: 'shop', provider: 'postgres' }],
    protections: [],
    unknowns: [],
    notes: [],
  };
  const token = {
    id: 'p'.repeat(64),
    provider: 'postgres',
    ruleId: 'postgres.connection-url',
    kind: 'connection-url',
    redacted: 'postgres://shop:…@pg.internal:5432/shop',
  };

  it('a login found under production: makes the resources it reaches production', () => {
    const hints = [{ name: 'environment', value: 'production', line: 8, file: 'config/database.yml' }];
    const br = assessBlastRadius({ token: { ...token, hints }, verification, config: defaultConfig() });
    expect({ production: br.production, severity: br.severity }).toEqual({ production: 'destroy', severity: 'high' });
  });

  it('without the hint the same database is not classified, and the project config still wins over the hint', () => {
    expect(assessBlastRadius({ token, verification, config: defaultConfig() }).production).toBe('none');
    const config = defaultConfig();
    config.resources.other = ['postgres://pg.internal:5432/*'];
    const hints = [{ name: 'environment', value: 'production', line: 8, file: 'config/database.yml' }];
    expect(assessBlastRadius({ token: { ...token, hints }, verification, config }).production).toBe('none');
  });
});

describe('CLI sources beyond the work tree', () => {
  it('--env scans the process environment: findings name the variable, never show its value', async () => {
    const project = workspace({ 'README.md': 'nothing here' });
    const env = {
      DATABASE_URL: TOKENS.postgresUrl,
      DB_CONNECTION: 'mysql',
      DB_HOST: 'crm-db.internal',
      DB_USERNAME: 'crm',
      DB_PASSWORD: 'Wx5#nK8qLz3V',
      PATH: '/usr/bin',
    };
    const result = await cli(['scan', project, '--env', '-f', 'json', '--offline'], project, env);
    const report = JSON.parse(result.stdout) as { tokens: { redacted: string; locations: { file: string; root?: string }[] }[] };
    const byName = report.tokens.map((t) => ({ redacted: t.redacted, at: t.locations.map((l) => `${l.root}:${l.file}`).sort() }));
    expect(byName).toContainEqual({ redacted: 'postgres://app:…@db.prod.internal:5432/prod', at: ['env:DATABASE_URL'] });
    expect(byName).toContainEqual({ redacted: 'mysql://crm:…@crm-db.internal:3306', at: ['env:DB_HOST', 'env:DB_PASSWORD', 'env:DB_USERNAME'] });
    expect(result.stdout).not.toContain('Zq8rT2vLp9Xw');
    expect(result.stdout).not.toContain('Wx5#nK8qLz3V');
  });

  it('--home reads shell history and MCP server configs', async () => {
    const home = workspace({
      '.bash_history': 'ls\nmysql -h crm-db.internal -u admin -pNq4#vZ8xLm2R crm\n',
      '.cursor/mcp.json': `{"mcpServers": {"db": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "${TOKENS.postgresUrl}"]}}}`,
    });
    const project = workspace({ 'README.md': 'nothing' });
    const result = await cli(['scan', project, '--home', '-f', 'json', '--offline'], project, { HOME: home });
    const report = JSON.parse(result.stdout) as { tokens: { redacted: string; locations: { file: string; root?: string }[] }[] };
    expect(report.tokens.map((t) => `${t.locations[0].root}/${t.locations[0].file} ${t.redacted}`).sort()).toEqual([
      '~/.bash_history mysql://admin:…@crm-db.internal:3306/crm',
      '~/.cursor/mcp.json postgres://app:…@db.prod.internal:5432/prod',
    ]);
  });
});
