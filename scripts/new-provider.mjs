#!/usr/bin/env node
// `npm run new-provider NAME [DisplayName]`: a registered, compiling, tested provider skeleton
// from src/providers/_template/ (its README says what is written and what is left to fill in).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const template = join(root, 'src', 'providers', '_template');

function fail(message) {
  process.stderr.write(`new-provider: ${message}\n`);
  process.exit(2);
}

const [id, displayName = id && id[0].toUpperCase() + id.slice(1)] = process.argv.slice(2);
// Letters and digits only: the id is also a TypeScript identifier (`${id}Fake`) and a part of BLASTRADIUS_<ID>_API_URL.
if (!id || !/^[a-z][a-z0-9]*$/.test(id)) fail('usage: npm run new-provider NAME [DisplayName]   (NAME: lowercase letters and digits, e.g. acme)');

const fill = (text) => text.replaceAll('_TEMPLATE', id.toUpperCase()).replaceAll('_template', id).replaceAll('TemplateName', displayName);

/** Destination of each template file: the provider folder, its rules, its fixtures, its test. */
const targets = [
  ...['manifest.ts', 'index.ts', 'fake.ts'].map((name) => [join(template, name), join(root, 'src', 'providers', id, name)]),
  [join(template, 'files', 'rules.yaml'), join(root, 'rules', `${id}.yaml`)],
  ...readdirSync(join(template, 'files', 'fixtures')).map((name) => [join(template, 'files', 'fixtures', name), join(root, 'fixtures', 'providers', id, name)]),
  [join(template, 'files', 'test.ts.template'), join(root, 'test', 'providers', `${id}.test.ts`)],
];
const taken = targets.map(([, to]) => to).filter((to) => existsSync(to));
if (existsSync(join(root, 'src', 'providers', id))) taken.unshift(join(root, 'src', 'providers', id));
if (taken.length) fail(`already there: ${taken.map((p) => relative(root, p)).join(', ')}`);

const registryPath = join(root, 'src', 'providers', 'registry.ts');
const registry = readFileSync(registryPath, 'utf8');
const withImport = insertSorted(registry, /^import \w+ from '\.\/[a-z0-9]+\/manifest\.js';$/, `import ${id} from './${id}/manifest.js';`);
const withEntry = insertSorted(withImport, /^  [a-z0-9]+,$/, `  ${id},`);

for (const [from, to] of targets) {
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, fill(readFileSync(from, 'utf8')));
}
writeFileSync(registryPath, withEntry);
process.stdout.write(
  [...targets.map(([, to]) => relative(root, to)), relative(root, registryPath)].map((p) => `wrote ${p}`).join('\n') +
    `\nNext: the TODOs, each from ${displayName}'s public documentation (src/providers/_template/README.md);\n` +
    `the README's rules table: BLASTRADIUS_UPDATE_GOLDEN=1 npx vitest run test/cli.test.ts -t 'rules table'\n`,
);

/** Inserts `line` among the consecutive lines matching `pattern`, in alphabetical order. */
function insertSorted(text, pattern, line) {
  const lines = text.split('\n');
  const block = lines.map((l, i) => (pattern.test(l) ? i : -1)).filter((i) => i >= 0);
  if (block.length === 0) fail(`${relative(root, registryPath)}: no lines like ${pattern}`);
  const at = block.find((i) => lines[i] > line) ?? block[block.length - 1] + 1;
  lines.splice(at, 0, line);
  return lines.join('\n');
}
