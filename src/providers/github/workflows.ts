import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowFacts } from '../../assess/types.js';

export function readWorkflowFacts(root: string): WorkflowFacts[] {
  const dir = join(root, '.github', 'workflows');
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch {
    return [];
  }
  const repo = originRepo(root);
  const out: WorkflowFacts[] = [];
  for (const name of names.slice(0, 200)) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8').slice(0, 1_000_000);
    } catch {
      continue;
    }
    const roles = [...text.matchAll(/role-to-assume:\s*['"]?(arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+)/g)].map((m) => m[1]);
    const secrets = [...new Set([...text.matchAll(/\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]))];
    if (roles.length || secrets.length) out.push({ file: `.github/workflows/${name}`, repo, roles: [...new Set(roles)], secrets });
  }
  return out;
}

/** `github:OWNER/REPO` of the `origin` remote, if it is on GitHub. */
function originRepo(root: string): string | undefined {
  try {
    const config = readFileSync(join(root, '.git', 'config'), 'utf8');
    const origin = /\[remote "origin"\][^[]*?url\s*=\s*(\S+)/.exec(config)?.[1];
    const match = origin && /github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(origin);
    return match ? `github:${match[1]}/${match[2]}` : undefined;
  } catch {
    return undefined;
  }
}
