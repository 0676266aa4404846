import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, fileProblem } from '../core/errors.js';
import { parseYaml, yamlProblem } from '../core/yaml.js';

/**
 * The user's own config (~/.config/blastradius/config.yaml): the only file that may set
 * provider API base URLs, because the scanned workspace must never be able to.
 *   apiUrls: { github: https://ghe.example.com/api/v3, railway: https://... }
 */
export interface UserConfig {
  apiUrls: Record<string, string>;
}

export function userConfigPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'blastradius', 'config.yaml');
}

export function loadUserConfig(env: NodeJS.ProcessEnv): UserConfig {
  const path = userConfigPath(env);
  if (!existsSync(path)) return { apiUrls: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`user config ${path}: ${fileProblem(error)}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(`user config ${path}: invalid YAML ${yamlProblem(error)}`);
  }
  const apiUrls = (doc as { apiUrls?: unknown }).apiUrls ?? {};
  if (typeof apiUrls !== 'object' || apiUrls === null || !Object.values(apiUrls).every((v) => typeof v === 'string' && /^https?:\/\//.test(v))) {
    throw new ConfigError(`user config ${path}: key "apiUrls": expected a mapping of provider id to http(s) URL`);
  }
  return { apiUrls: apiUrls as Record<string, string> };
}
