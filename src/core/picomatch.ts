import { createRequire } from 'node:module';
import type picomatchModule from 'picomatch';

/**
 * picomatch, loaded with require: imported from an ES module, a CommonJS package is first parsed
 * by node for its export names, which costs every process that matches globs (the pre-commit
 * hook, each scan worker) a few milliseconds (bench: hook run).
 */
export const picomatch = createRequire(import.meta.url)('picomatch') as typeof picomatchModule;
