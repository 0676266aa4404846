import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenId } from '../src/core/secret.js';
import { rulesFor } from '../src/rules/builtin.js';
import { scanWorkspace, type ScanResult } from '../src/scan/scan.js';
import { makeWorkspace, TOKENS } from './helpers/workspace.js';

const rules = rulesFor();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function scan(
  files: Record<string, string | Buffer>,
  extra: Partial<Parameters<typeof scanWorkspace>[0]> = {},
): Promise<{ dir: string; result: ScanResult }> {
  const ws = makeWorkspace(files);
  cleanups.push(ws.cleanup);
  const result = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 10 * 1024 * 1024, workers: 0, ...extra });
  return { dir: ws.dir, result };
}

describe('walk', () => {
  it('scans git-ignored dot files such as .env and .env.production', async () => {
    const { result } = await scan({
      '.gitignore': '.env\n.env.production\n',
      '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`,
      '.env.production': `DATABASE_URL=${TOKENS.postgresUrl}\n`,
    });
    expect(result.tokens.map((t) => t.locations[0].file).sort()).toEqual(['.env', '.env.production']);
  });

  it('skips .git/ and node_modules/ by default, and scans node_modules/ when asked', async () => {
    const files = {
      '.git/config': `url = https://x:${TOKENS.githubClassic}@github.com/a/b`,
      'node_modules/pkg/index.js': `const t = "${TOKENS.githubClassic2}";`,
    };
    expect((await scan(files)).result.tokens).toEqual([]);
    const withModules = await scan(files, { includeNodeModules: true });
    expect(withModules.result.tokens.map((t) => t.locations[0].file)).toEqual(['node_modules/pkg/index.js']);
  });

  it('honours --include and --exclude globs', async () => {
    const files = { 'a/.env': `GITHUB_TOKEN=${TOKENS.githubClassic}`, 'b/config.yml': `token: ${TOKENS.githubClassic2}` };
    expect((await scan(files, { exclude: ['a/**'] })).result.tokens.map((t) => t.locations[0].file)).toEqual(['b/config.yml']);
    expect((await scan(files, { include: ['a/**'] })).result.tokens.map((t) => t.locations[0].file)).toEqual(['a/.env']);
  });

  it('skips binary files and files over the size cap, reporting why', async () => {
    const { result } = await scan(
      {
        'image.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(TOKENS.githubClassic)]),
        'big.txt': `${'a'.repeat(2000)}\n${TOKENS.githubClassic2}`,
        'small.txt': 'nothing here',
      },
      { maxFileSize: 1000 },
    );
    expect(result.tokens).toEqual([]);
    expect(result.skipped).toEqual([
      { file: 'big.txt', reason: expect.stringContaining('larger than --max-file-size') },
      { file: 'image.png', reason: 'binary' },
    ]);
    expect(result.files).toBe(1);
  });

  it('never follows a symlink out of the roots, and survives symlink loops', async () => {
    const outside = makeWorkspace({ 'secret.env': `GITHUB_TOKEN=${TOKENS.githubClassic}` });
    cleanups.push(outside.cleanup);
    const ws = makeWorkspace({ 'inside.env': `GITHUB_TOKEN=${TOKENS.githubClassic2}` });
    cleanups.push(ws.cleanup);
    symlinkSync(join(outside.dir, 'secret.env'), join(ws.dir, 'link.env'));
    symlinkSync(outside.dir, join(ws.dir, 'linkdir'));
    symlinkSync(join(ws.dir, 'loop-a'), join(ws.dir, 'loop-b'));
    symlinkSync(join(ws.dir, 'loop-b'), join(ws.dir, 'loop-a'));
    symlinkSync(join(ws.dir, 'inside.env'), join(ws.dir, 'alias.env'));
    const result = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 1e7, workers: 0 });
    expect(result.tokens).toHaveLength(1);
    expect(result.tokens[0].id).toBe(tokenId(TOKENS.githubClassic2));
    expect(result.tokens[0].locations.map((l) => l.file).sort()).toEqual(['alias.env', 'inside.env']);
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.file, s.reason]));
    expect(reasons['link.env']).toBe('symlink points outside the scan roots');
    expect(reasons.linkdir).toBe('symlink points outside the scan roots');
    expect(reasons['loop-a']).toMatch(/looping symlink/);
  });

  it('reports a file that vanished before it was read and keeps the rest of the report', async () => {
    const ws = makeWorkspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}` });
    cleanups.push(ws.cleanup);
    const result = await scanWorkspace({
      roots: [ws.dir],
      rules,
      maxFileSize: 1e7,
      workers: 0,
      extraFiles: [{ root: ws.dir, label: '.', absolute: join(ws.dir, 'gone.txt'), relative: 'gone.txt', size: 10 }],
    });
    expect(result.errors).toEqual([{ file: 'gone.txt', message: 'file vanished during the scan' }]);
    expect(result.tokens).toHaveLength(1);
  });
  // Permission-denied files: test/hostile.test.ts (as an unprivileged user, so that root runs it too).
});

describe('detect and dedupe', () => {
  it('gives one token per distinct secret with every location, id = sha256 of the secret', async () => {
    const { result } = await scan({
      '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`,
      'src/config.ts': `// config\nexport const token = '${TOKENS.githubClassic}';\n`,
    });
    expect(result.tokens).toHaveLength(1);
    const [token] = result.tokens;
    expect(token.id).toBe(tokenId(TOKENS.githubClassic));
    expect(token.locations).toEqual([
      { file: '.env', line: 1, column: 14 },
      { file: 'src/config.ts', line: 2, column: 23 },
    ]);
    expect(token.redacted).toBe('ghp_…hYLU');
  });

  it('pairs an AWS key id with its nearby secret into one credential, id = sha256("KEYID:SECRET")', async () => {
    const { result } = await scan({ '.aws/credentials': `[default]\naws_access_key_id = ${TOKENS.awsKeyId}\naws_secret_access_key = ${TOKENS.awsSecret}\n` });
    expect(result.tokens).toHaveLength(1);
    expect(result.tokens[0].id).toBe(tokenId(`${TOKENS.awsKeyId}:${TOKENS.awsSecret}`));
    expect(result.tokens[0].locations[0]).toEqual({ file: '.aws/credentials', line: 2, column: 21 });
  });

  it('suppresses a finding with blastradius:allow on the line or in a comment on the line above', async () => {
    const { result } = await scan({
      'a.ts': `const a = '${TOKENS.githubClassic}'; // blastradius:allow\nconst db = '${TOKENS.postgresUrl}';\n`,
      'b.py': `# blastradius:allow test fixture\nTOKEN = "${TOKENS.githubClassic2}"\n`,
    });
    expect(result.allowedInline).toBe(2);
    expect(result.tokens.map((t) => t.ruleId)).toEqual(['postgres.connection-url']);
  });

  it('decodes UTF-16 files and survives invalid UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`TOKEN=${TOKENS.githubClassic}\n`, 'utf16le')]);
    const broken = Buffer.concat([Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]), Buffer.from(`\nTOKEN=${TOKENS.githubClassic2}\n`)]);
    const { result } = await scan({ 'win.env': utf16, 'broken.txt': broken });
    expect(result.tokens.map((t) => t.locations[0].file).sort()).toEqual(['broken.txt', 'win.env']);
    expect(result.errors).toEqual([]);
  });

  it('lets a GCP key file rule supersede the bare PEM rule for the same key', async () => {
    const key =
      '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\\n-----END PRIVATE KEY-----\\n';
    const { result } = await scan({
      'sa.json': JSON.stringify(
        {
          type: 'service_account',
          project_id: 'acme-prod-4821',
          private_key: key.replace(/\\n/g, '\n'),
          client_email: 'deployer@acme-prod-4821.iam.gserviceaccount.com',
        },
        null,
        2,
      ),
    });
    expect(result.tokens.map((t) => t.ruleId)).toEqual(['gcp.service-account-key']);
    expect(result.tokens[0].extras?.clientEmail?.reveal()).toBe('deployer@acme-prod-4821.iam.gserviceaccount.com');
  });

  it('gives the same tokens with worker threads as in the main thread', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`f${i}.env`] = i % 10 === 0 ? `GITHUB_TOKEN=${TOKENS.githubClassic}\n` : `NOTHING=${i}\n`;
    const ws = makeWorkspace(files);
    cleanups.push(ws.cleanup);
    const inline = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 1e7, workers: 0 });
    const threaded = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 1e7, workers: 2 });
    expect(threaded.tokens.map((t) => [t.id, t.locations])).toEqual(inline.tokens.map((t) => [t.id, t.locations]));
    expect(threaded.files).toBe(50);
  });
});
