/**
 * The prefilter's window, measured: the profile of a real node_modules scan puts the keyword
 * prefilter first in the workers' CPU. Its window used to slide by at most 2 bytes (the shortest
 * keyword, "SG.", has 3 bytes and the shift table is keyed on 2); with keywords of 4+ bytes in the
 * Wu–Manber tables (window of 4, jumps of up to 3, each entered by its rarest four bytes) and the
 * few 3-byte keywords found by the engine's own search (Buffer.indexOf, each letter-case form), the
 * window moves further per step. This file times the applied prefilter against the previous one over
 * the same files and checks that they give the same answers.
 * Run: node dist/bench/prefilter-window.js [DIR] (default: the real tree of bench/trees.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KeywordPrefilter } from '../src/detect/prefilter.js';
import { builtinRulesDir, loadRulesCached } from '../src/rules/cache.js';
import { walkTree } from '../src/walk/tree.js';
import { realTree } from './trees.js';

/**
 * The previous prefilter (until issue 16's third pass), kept to measure the applied one against: a
 * window of three bytes moving at most 2 (the shortest keyword, `SG.`, has 3 bytes), each keyword
 * entered by its rarest trigram.
 */
export class NarrowPrefilter {
  readonly #shift = new Uint8Array(1 << 16).fill(2);
  readonly #trigrams = new Uint8Array(1 << 21);
  readonly #byTrigram = new Map<number, { bytes: Uint8Array; index: number; exact: boolean; anchor: number }[]>();
  readonly keywords: readonly string[];

  constructor(keywords: readonly string[]) {
    this.keywords = [...new Set(keywords)];
    this.keywords.forEach((keyword, index) => {
      const bytes = Buffer.from(keyword, 'utf8');
      const exact = keyword !== keyword.toLowerCase();
      const variants = (byte: number) => (exact ? [byte] : caseVariants(byte));
      const anchor = anchorOf(bytes, exact);
      for (const a of variants(bytes[anchor])) {
        for (const b of variants(bytes[anchor + 1])) {
          this.#shift[(a << 8) | b] = Math.min(this.#shift[(a << 8) | b], 1);
          for (const c of variants(bytes[anchor + 2])) {
            this.#shift[(b << 8) | c] = 0;
            const trigram = (a << 16) | (b << 8) | c;
            this.#trigrams[trigram >>> 3] |= 1 << (trigram & 7);
            const list = this.#byTrigram.get(trigram) ?? [];
            list.push({ bytes, index, exact, anchor });
            this.#byTrigram.set(trigram, list);
          }
        }
      }
    });
  }

  find(buffer: Uint8Array): Set<number> {
    const found = new Set<number>();
    const shift = this.#shift;
    const trigrams = this.#trigrams;
    const last = buffer.length - 3;
    let i = 0;
    while (i <= last) {
      const tail = (buffer[i + 1] << 8) | buffer[i + 2];
      const jump = shift[tail];
      if (jump !== 0) {
        i += jump;
        continue;
      }
      const trigram = (buffer[i] << 16) | tail;
      if ((trigrams[trigram >>> 3] & (1 << (trigram & 7))) !== 0) {
        for (const candidate of this.#byTrigram.get(trigram)!) {
          if (found.has(candidate.index)) continue;
          const bytes = candidate.bytes;
          const start = i - candidate.anchor;
          if (start < 0 || start + bytes.length > buffer.length) continue;
          let j = 0;
          if (candidate.exact) while (j < bytes.length && buffer[start + j] === bytes[j]) j++;
          else while (j < bytes.length && lower(buffer[start + j]) === bytes[j]) j++;
          if (j === bytes.length) found.add(candidate.index);
        }
        if (found.size === this.keywords.length) break;
      }
      i++;
    }
    return found;
  }
}

function anchorOf(bytes: Uint8Array, exact: boolean): number {
  let best = 0;
  let bestScore = Infinity;
  for (let at = 0; at + 3 <= bytes.length; at++) {
    const score = pairCommonness(bytes[at + 1], bytes[at + 2], exact) * 4 + pairCommonness(bytes[at], bytes[at + 1], exact);
    if (score < bestScore) {
      best = at;
      bestScore = score;
    }
  }
  return best;
}

function pairCommonness(a: number, b: number, exact: boolean): number {
  const kind = (x: number) =>
    x === 32 || x === 9 || x === 10 ? 'space' : (x >= 97 && x <= 122) || (x >= 65 && x <= 90) ? 'letter' : x >= 48 && x <= 57 ? 'digit' : 'punct';
  const ka = kind(a);
  const kb = kind(b);
  if (ka === 'space' || kb === 'space') return 9;
  if (ka === 'letter' && kb === 'letter') return exact && (a < 97 || b < 97) ? 5 : 10;
  if (ka === 'punct' && kb === 'punct') return a === b ? 8 : 4;
  if (ka === 'digit' || kb === 'digit') return 6;
  return 3;
}

function lower(byte: number): number {
  return byte >= 65 && byte <= 90 ? byte | 32 : byte;
}

function caseVariants(byte: number): number[] {
  return byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte];
}

export async function runPrefilterBench(dir?: string): Promise<void> {
  const root = dir ?? realTree()?.dir;
  if (!root) return;
  const files = [...walkTree(root, { skipNames: new Set(['.git']), exclude: [], unreadable: () => undefined })].filter((e) => !e.symlink);
  const buffers = files.map((f) => readFileSync(`${root}/${f.relative}`));
  const mb = buffers.reduce((n, b) => n + b.length, 0) / 1024 / 1024;
  // The prefilter's keywords, as the detector builds it (rules limited to files keep theirs out).
  const keywords = [...new Set((await loadRulesCached([builtinRulesDir()], process.env)).filter((r) => !r.files).flatMap((r) => r.keywords))];
  const current = new KeywordPrefilter(keywords);
  const previous = new NarrowPrefilter(keywords);
  const key = (set: Set<number>) => [...set].sort((a, b) => a - b).join(',');
  const differing = buffers.filter((b) => key(current.find(b)) !== key(previous.find(b))).length;
  console.log(
    `\nprefilter window (applied in issue 16's third pass): ${root}, ${files.length} files, ${mb.toFixed(0)} MB, ${keywords.length} keywords; files where the answers differ: ${differing}`,
  );
  const speeds = { current: [] as number[], previous: [] as number[] };
  for (let round = 0; round < 5; round++) {
    for (const [name, prefilter] of [
      ['current', current],
      ['previous', previous],
    ] as const) {
      const started = process.cpuUsage();
      for (const buffer of buffers) prefilter.find(buffer);
      const used = process.cpuUsage(started);
      speeds[name].push(mb / ((used.user + used.system) / 1e6));
    }
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  console.log(`  previous (window of 3 moves ≤ 2 bytes)                       ${med(speeds.previous).toFixed(0)} MB/s per core (CPU time, median of 5)`);
  console.log(`  KeywordPrefilter (window of 4 moves ≤ 3; 3-byte by indexOf)  ${med(speeds.current).toFixed(0)} MB/s per core`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runPrefilterBench(process.argv[2]);
