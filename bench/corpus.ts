import { sampleGithubToken } from './sample-token.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A deterministic pseudo-random generator (mulberry32), so the corpus is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'const let var function return if else for while import export default from require module exports async await new this class extends super try catch throw typeof instanceof null undefined true false value options config request response error result data index length push map filter reduce keys object string number token secret password key api url path file buffer stream promise resolve reject callback emit listener handler'.split(
    ' ',
  );

/** Writes a node_modules-like tree of about `targetMb` MB (code, JSON, maps, docs, a few secrets). */
export function generateCorpus(dir: string, targetMb: number): { files: number; bytes: number; planted: number } {
  const marker = join(dir, '.corpus.json');
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, 'utf8')) as { targetMb: number; files: number; bytes: number; planted: number };
    if (info.targetMb === targetMb) return info;
  }
  const random = prng(42);
  const plantedToken = sampleGithubToken();
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const ident = () => pick(WORDS) + Math.floor(random() * 1000).toString(36);
  const target = targetMb * 1024 * 1024;
  let bytes = 0;
  let files = 0;
  let planted = 0;
  for (let pkg = 0; bytes < target; pkg++) {
    const pkgDir = join(dir, 'node_modules', `pkg-${pkg}`, pkg % 3 === 0 ? 'dist' : 'lib');
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', `pkg-${pkg}`, 'package.json'),
      JSON.stringify({ name: `pkg-${pkg}`, version: '1.0.0', main: 'lib/index.js', dependencies: { [ident()]: '^1.0.0' } }, null, 2),
    );
    for (let f = 0; f < 12 && bytes < target; f++) {
      const kind = random();
      let text: string;
      if (kind < 0.6) {
        const lines: string[] = [];
        const n = 50 + Math.floor(random() * 400);
        for (let i = 0; i < n; i++)
          lines.push(
            `${'  '.repeat(Math.floor(random() * 4))}${pick(WORDS)} ${ident()} = ${ident()}(${ident()}, '${ident()}', ${Math.floor(random() * 1e6)});`,
          );
        text = lines.join('\n');
      } else if (kind < 0.8) {
        const n = 2000 + Math.floor(random() * 30000);
        let mappings = '';
        while (mappings.length < n) mappings += 'AAAA,SAASA,CAAC,GAAG;' + ident().toUpperCase();
        text = JSON.stringify({ version: 3, sources: [ident()], mappings });
      } else if (kind < 0.95) {
        const n = 20 + Math.floor(random() * 200);
        text = Array.from({ length: n }, () => `${ident()} ${ident()} ${ident()} — ${ident()} (${ident()}) https://example.com/${ident()}`).join('\n');
      } else {
        text = JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, () => [ident(), ident()])), null, 2);
      }
      // A planted credential in about 1 file in 500, as a real tree might leak in tests or examples.
      if (random() < 0.002) {
        text += `\nconst token = "${plantedToken}";\n`;
        planted++;
      }
      const ext = kind < 0.6 ? 'js' : kind < 0.8 ? 'js.map' : kind < 0.95 ? 'md' : 'json';
      writeFileSync(join(pkgDir, `file-${f}.${ext}`), text);
      bytes += Buffer.byteLength(text);
      files++;
    }
  }
  const info = { targetMb, files, bytes, planted };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}
