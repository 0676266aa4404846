import { afterEach, describe, expect, it } from 'vitest';
import { PatchParser, type PatchEvent } from '../src/git/patch.js';
import { unquotePatchPath } from '../src/git/quote.js';
import { parseRawDiff } from '../src/git/staged.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

function repo(files?: Record<string, string | Buffer>, options?: { commit?: boolean }): TestRepo {
  const r = makeRepo(files, options);
  repos.push(r);
  return r;
}

interface JsonToken {
  redacted: string;
  locations: { file: string; line: number; column: number; commit?: string }[];
}

async function scanJson(r: TestRepo, args: string[]): Promise<{ tokens: JsonToken[]; scan: { files: number; skipped: { file: string; reason: string }[] } }> {
  const result = await r.cli(['scan', ...args, '--offline', '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout);
}

const GH = TOKENS.githubClassic;
const GH2 = TOKENS.githubClassic2;

describe('scan --staged reads the index, not the work tree', () => {
  it('finds a staged token that was removed from the work tree afterwards', async () => {
    const r = repo();
    r.write('config.env', `A=1\nB=2\nGITHUB_TOKEN=${GH}\n`);
    r.git(['add', 'config.env']);
    r.write('config.env', 'A=1\n');
    const report = await scanJson(r, ['--staged']);
    expect(report.tokens).toHaveLength(1);
    expect(report.tokens[0].locations).toEqual([{ file: 'config.env', line: 3, column: 14, path: 'config.env' }]);
  });

  it('does not see a token added to the work tree but not staged', async () => {
    const r = repo();
    r.write('config.env', 'A=1\n');
    r.git(['add', 'config.env']);
    r.write('config.env', `A=1\nGITHUB_TOKEN=${GH}\n`);
    r.write('untracked.env', `GITHUB_TOKEN=${GH2}\n`);
    const report = await scanJson(r, ['--staged']);
    expect(report.tokens).toEqual([]);
    expect(report.scan.files).toBe(1);
  });

  it('reports line numbers of the staged version', async () => {
    const r = repo();
    r.write('app.ts', `// one\n// two\nconst t = "${GH}";\n`);
    r.git(['add', 'app.ts']);
    r.write('app.ts', `// zero\n// zero\n// one\n// two\nconst t = "${GH}";\n`);
    const report = await scanJson(r, ['--staged']);
    expect(report.tokens[0].locations[0]).toMatchObject({ file: 'app.ts', line: 3 });
  });

  it('works before the first commit (unborn HEAD)', async () => {
    const r = repo({}, { commit: false });
    r.write('.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '.env']);
    expect((await scanJson(r, ['--staged'])).tokens).toHaveLength(1);
  });

  it('PATH arguments are pathspecs and --exclude applies', async () => {
    const r = repo();
    r.write('a/.env', `GITHUB_TOKEN=${GH}\n`);
    r.write('b/.env', `GITHUB_TOKEN=${GH2}\n`);
    r.git(['add', '-A']);
    expect((await scanJson(r, ['--staged', 'a'])).tokens.map((t) => t.locations[0].file)).toEqual(['a/.env']);
    expect((await scanJson(r, ['--staged', '--exclude', 'a/**'])).tokens.map((t) => t.locations[0].file)).toEqual(['b/.env']);
  });
});

describe('history scans (--since, --git-history)', () => {
  it('finds a token added and later removed, naming the commit that added it', async () => {
    const r = repo();
    r.write('deploy.sh', `#!/bin/sh\nexport GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'leak', '--no-verify']);
    const leak = r.git(['rev-parse', 'HEAD']).stdout.trim();
    r.write('deploy.sh', '#!/bin/sh\nexport GITHUB_TOKEN="$(vault read token)"\n');
    r.git(['commit', '-q', '-am', 'remove', '--no-verify']);
    expect((await scanJson(r, ['--staged'])).tokens).toEqual([]);
    const history = await scanJson(r, ['--git-history']);
    expect(history.tokens).toHaveLength(1);
    expect(history.tokens[0].locations).toEqual([{ file: 'deploy.sh', line: 2, column: 21, commit: leak, path: 'deploy.sh' }]);
    const text = await r.cli(['scan', '--git-history', '--offline']);
    expect(text.stdout).toContain(`deploy.sh:2:21@${leak.slice(0, 12)}`);
    expect(text.stdout).not.toContain(GH);
  });

  it('multi-byte text and invalid bytes across chunks of git output: lines, columns and tokens stay where they are', async () => {
    const r = repo();
    // Over 64 KiB of patch (several pipe chunks), with a 3-byte character on every line, so some
    // chunk boundary falls inside a character; an invalid byte on one line; the token near the end.
    const lines = Array.from({ length: 3000 }, (_, i) => `const label${i} = "prix € ${i}";`);
    lines[1500] = 'const broken = "\xff\xfe";';
    lines.push(`export GITHUB_TOKEN=${GH}`);
    r.write(
      'big.js',
      Buffer.concat([
        Buffer.from(lines.slice(0, 1500).join('\n') + '\n'),
        Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x20, 0xff, 0xfe, 0x0a]),
        Buffer.from(lines.slice(1501).join('\n') + '\n'),
      ]),
    );
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'big', '--no-verify']);
    const history = await scanJson(r, ['--git-history']);
    expect(history.tokens.map((t) => t.locations.map((l) => `${l.file}:${l.line}:${l.column}`))).toEqual([['big.js:3001:21']]);
  });

  it('--since REV scans only REV..HEAD', async () => {
    const r = repo();
    r.write('old.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'old', '--no-verify']);
    const base = r.git(['rev-parse', 'HEAD']).stdout.trim();
    r.write('new.env', `GITHUB_TOKEN=${GH2}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'new', '--no-verify']);
    const report = await scanJson(r, ['--since', base]);
    expect(report.tokens.map((t) => t.locations[0].file)).toEqual(['new.env']);
  });

  it('a commit that only edits lines near an old token does not report it again', async () => {
    const r = repo();
    r.write('.env', `A=1\nGITHUB_TOKEN=${GH}\nB=2\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'add', '--no-verify']);
    r.write('.env', `A=10\nGITHUB_TOKEN=${GH}\nB=20\n`);
    r.git(['commit', '-q', '-am', 'edit', '--no-verify']);
    const report = await scanJson(r, ['--git-history']);
    expect(report.tokens[0].locations).toHaveLength(1);
  });

  it('a token that arrives through a merge names the branch commit that added it', async () => {
    const r = repo();
    r.git(['checkout', '-q', '-b', 'feature']);
    r.write('feature.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'feature', '--no-verify']);
    const featureCommit = r.git(['rev-parse', 'HEAD']).stdout.trim();
    r.git(['checkout', '-q', 'main']);
    r.write('main.txt', 'main\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'main', '--no-verify']);
    r.git(['merge', '-q', '--no-ff', '--no-verify', '-m', 'merge', 'feature']);
    const report = await scanJson(r, ['--since', 'HEAD~1']);
    expect(report.tokens[0].locations).toEqual([{ file: 'feature.env', line: 1, column: 14, commit: featureCommit, path: 'feature.env' }]);
  });

  it('an unknown --since revision, or two git modes at once, is a usage error (exit 2)', async () => {
    const r = repo();
    const unknown = await r.cli(['scan', '--since', 'no-such-branch', '--offline']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--since: "no-such-branch" does not name a commit');
    const both = await r.cli(['scan', '--staged', '--git-history', '--offline']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('--staged and --git-history cannot be combined');
  });
});

describe('git output parsing', () => {
  it('unquotes C-quoted patch paths (newlines, tabs, octal UTF-8) and trailing-tab paths with spaces', () => {
    expect(unquotePatchPath('"b/new\\nline.txt"')).toBe('b/new\nline.txt');
    expect(unquotePatchPath('"b/\\303\\274n\\303\\257.txt"')).toBe('b/ünï.txt');
    expect(unquotePatchPath('"b/tab\\tx \\"q\\".txt"')).toBe('b/tab\tx "q".txt');
    expect(unquotePatchPath('b/my file.txt\t')).toBe('b/my file.txt');
  });

  it('parses raw -z diff records, renames included', () => {
    const zero = '0'.repeat(40);
    const raw = `:000000 100644 ${zero} ${'a'.repeat(40)} A\0new\nfile\0:100644 100644 ${'b'.repeat(40)} ${'c'.repeat(40)} R087\0old name\0new name\0`;
    expect(parseRawDiff(raw)).toEqual([
      { status: 'A', newMode: '100644', newId: 'a'.repeat(40), path: 'new\nfile' },
      { status: 'R', newMode: '100644', oldId: 'b'.repeat(40), newId: 'c'.repeat(40), path: 'new name' },
    ]);
  });

  it('reads hunks by their counts: content that looks like a header stays content', () => {
    const events: PatchEvent[] = [];
    const parser = new PatchParser(1024, (e) => events.push(e));
    const sha = 'f'.repeat(40);
    const patch = [
      `commit ${sha}`,
      '',
      'diff --git a/x b/x',
      'index 1..2 100644',
      '--- a/x',
      '+++ b/x',
      '@@ -1,2 +1,3 @@',
      ' keep',
      '+commit ' + 'e'.repeat(40),
      '-gone',
      '+diff --git a/y b/y',
      '\\ No newline at end of file',
      'diff --git a/bin b/bin',
      'Binary files a/bin and b/bin differ',
    ];
    for (const line of patch) parser.line(line);
    parser.end();
    expect(events).toEqual([
      {
        kind: 'file',
        commit: sha,
        path: 'x',
        bytes: expect.any(Number),
        lines: [
          { text: 'keep', newLine: 1, added: false },
          { text: `commit ${'e'.repeat(40)}`, newLine: 2, added: true },
          { text: 'diff --git a/y b/y', newLine: 3, added: true },
        ],
      },
      { kind: 'skipped', commit: sha, path: 'bin', reason: 'binary' },
    ]);
  });

  it('stops at the first commit accept refuses, never asked about hunk lines that look like a commit', () => {
    const events: PatchEvent[] = [];
    const asked: string[] = [];
    const parser = new PatchParser(
      1024,
      (e) => events.push(e),
      (commit) => asked.push(commit[0]) < 3,
    );
    const commit = (id: string, path: string, added: string) => [
      `commit ${id.repeat(40)}`,
      '',
      `diff --git a/${path} b/${path}`,
      '--- /dev/null',
      `+++ b/${path}`,
      '@@ -0,0 +1 @@',
      `+${added}`,
    ];
    const lines = [...commit('a', 'one', `commit ${'9'.repeat(40)}`), ...commit('b', 'two', 'x'), ...commit('c', 'three', 'y')];
    let third = false;
    for (const line of lines) {
      parser.line(line);
      third ||= line === `commit ${'c'.repeat(40)}`;
      expect(parser.done, line).toBe(third);
    }
    parser.end();
    expect(events.map((e) => `${e.commit[0]}:${e.path}`)).toEqual(['a:one', 'b:two']);
    expect(asked).toEqual(['a', 'b', 'c']);
  });
});

describe('bad input', () => {
  it('not a git repository: --staged is a usage error with a clear message (exit 2)', async () => {
    const r = repo();
    const result = await r.cli(['scan', '--staged', '--offline'], {}, r.home);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `blastradius: not a git repository: ${r.home} (run it inside a git work tree, or scan plain files with \`blastradius scan PATH\`)\n`,
    );
  });

  it('binary and huge staged files are skipped and reported like the walker does', async () => {
    const r = repo();
    r.write('image.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`GITHUB_TOKEN=${GH}\n`)]));
    const big = `${'#'.repeat(3000)}\nGITHUB_TOKEN=${GH}\n`;
    r.write('big.env', big);
    r.write('small.env', `GITHUB_TOKEN=${GH2}\n`);
    r.git(['add', '-A']);
    const report = await scanJson(r, ['--staged', '--max-file-size', '1KB']);
    expect(report.scan.skipped).toEqual([
      { file: 'big.env', reason: `larger than --max-file-size (${Buffer.byteLength(big)} bytes)` },
      { file: 'image.bin', reason: 'binary' },
    ]);
    expect(report.tokens.map((t) => t.locations[0].file)).toEqual(['small.env']);
  });

  it('file names with spaces, newlines and unicode keep their exact names (staged and history)', async () => {
    const r = repo();
    const names = ['my secrets.env', 'new\nline.env', 'ünïcødé/ключ.env', 'tab\there.env', 'quote"d.env'];
    for (const name of names) r.write(name, `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    const staged = await scanJson(r, ['--staged']);
    expect(staged.tokens[0].locations.map((l) => l.file).sort()).toEqual([...names].sort());
    r.git(['commit', '-q', '-m', 'names', '--no-verify']);
    const history = await scanJson(r, ['--git-history']);
    expect(history.tokens[0].locations.map((l) => l.file).sort()).toEqual([...names].sort());
  });
});
