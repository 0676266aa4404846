/**
 * Worst-case detection speed: every rule against ReDoS-shaped 1 MB lines of its own keyword
 * (src/detect/hostile-inputs.ts, the inputs test/hostile.test.ts checks for completion). Prints
 * the slowest rule/input pairs in MB/s: SECURITY.md's "measured worst case" comes from here.
 * Run alone: node dist/bench/adversarial.js
 */
import { fileURLToPath } from 'node:url';
import { Detector } from '../src/detect/detector.js';
import { hostileInputs } from '../src/detect/hostile-inputs.js';
import { builtinRulesDir, loadRules } from '../src/rules/load.js';

export function runAdversarialBench(): void {
  const rules = loadRules([builtinRulesDir()]);
  const detector = new Detector(rules);
  const results: { rule: string; input: string; mbPerSec: number }[] = [];
  for (const rule of rules) {
    for (const input of hostileInputs(rule.keywords[0])) {
      const bytes = Buffer.from(input);
      const started = performance.now();
      detector.detectFile(bytes, 'hostile.txt', 60_000);
      const seconds = (performance.now() - started) / 1000;
      results.push({ rule: rule.id, input: `${input.slice(0, 12)}…`, mbPerSec: bytes.length / 1024 / 1024 / seconds });
    }
  }
  results.sort((a, b) => a.mbPerSec - b.mbPerSec);
  const worst = results[0];
  console.log(
    `adversarial: ${rules.length} rules × 5 hostile 1 MB inputs — worst ${worst.mbPerSec.toFixed(1)} MB/s (${worst.rule} on ${JSON.stringify(worst.input)}); next: ${results
      .slice(1, 4)
      .map((r) => `${r.rule} ${r.mbPerSec.toFixed(1)}`)
      .join(', ')}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runAdversarialBench();
