import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlobs } from '../src/detect/globs.js';

describe('compileGlobs agrees with picomatch on the globs rules use', () => {
  const globs = [
    '**/.env',
    '**/.env.*',
    '**/*.env',
    '**/*.yml',
    '.env',
    '*.yml',
    '**/.vscode/sftp.json',
    '**/wp-config.php',
    '**/config/*.json',
    '**/*_history',
  ];
  const paths = [
    '.env',
    'a/.env',
    '.env.production',
    'deep/x/.env.local',
    'prod.env',
    'x/prod.env',
    'a.yml',
    'a/b/c.yml',
    '.vscode/sftp.json',
    'site/.vscode/sftp.json',
    'sftp.json',
    'wp-config.php',
    'blog/wp-config.php',
    'wp-config.php.bak',
    'config/app.json',
    'a/config/app.json',
    'config/a/app.json',
    '.bash_history',
    'home/.zsh_history',
    'history',
    'README.md',
    'src/env.ts',
  ];
  const reference = picomatch(globs, { dot: true });
  const fast = compileGlobs(globs);
  for (const path of paths) it(path, () => expect(fast(path)).toBe(reference(path)));
});
