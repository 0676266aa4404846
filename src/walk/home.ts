import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WalkEntry, WalkSink } from './walk.js';

/**
 * Credential stores an agent running as this user could read ("what could an agent running as me reach"):
 * client credential files, shell history, and the configs of AI agents and IDEs that hold the
 * secrets of the servers they start. Paths are the documented defaults on Linux, macOS and Windows
 * (the home directory being %USERPROFILE% there).
 */
export const HOME_CREDENTIAL_FILES = [
  '.aws/credentials',
  '.aws/config',
  '.config/gh/hosts.yml',
  '.git-credentials',
  '.netrc',
  '_netrc',
  '.npmrc',
  '.yarnrc.yml',
  '.s3cfg',
  '.docker/config.json',
  '.kube/config',
  '.railway/config.json',
  '.config/railway/config.json',
  '.pgpass',
  '.my.cnf',
  '.config/gcloud/application_default_credentials.json',
  '.config/doctl/config.yaml',
  '.terraform.d/credentials.tfrc.json',
  '.config/stripe/config.toml',
  '.supabase/access-token',
  '.wrangler/config/default.toml',
  '.config/hub',
  '.env',
  '.ssh/id_rsa',
  '.ssh/id_ecdsa',
  '.ssh/id_ed25519',
  '.ssh/id_dsa',
  // Shell history: https://www.gnu.org/software/bash/manual/html_node/Bash-History-Facilities.html ,
  // zsh HISTFILE (commonly ~/.zsh_history), fish $XDG_DATA_HOME/fish/fish_history: https://fishshell.com/docs/current/interactive.html#searchable-command-history
  '.bash_history',
  '.zsh_history',
  '.local/share/fish/fish_history',
  // MCP server configs (each server's `env:` block and arguments): Claude Desktop https://modelcontextprotocol.io/quickstart/user ,
  // Claude Code ~/.claude.json https://docs.anthropic.com/en/docs/claude-code/mcp , Cursor ~/.cursor/mcp.json https://docs.cursor.com/context/model-context-protocol ,
  // Windsurf https://docs.windsurf.com/windsurf/cascade/mcp , VS Code user mcp.json https://code.visualstudio.com/docs/copilot/chat/mcp-servers
  '.config/Claude/claude_desktop_config.json',
  'Library/Application Support/Claude/claude_desktop_config.json',
  'AppData/Roaming/Claude/claude_desktop_config.json',
  '.claude.json',
  '.cursor/mcp.json',
  '.codeium/windsurf/mcp_config.json',
  '.config/Code/User/mcp.json',
  'Library/Application Support/Code/User/mcp.json',
  'AppData/Roaming/Code/User/mcp.json',
  // VS Code user settings (database and REST client connections): https://code.visualstudio.com/docs/configure/settings#_settings-file-locations
  '.config/Code/User/settings.json',
  'Library/Application Support/Code/User/settings.json',
  'AppData/Roaming/Code/User/settings.json',
  // FileZilla saved and recent servers: https://wiki.filezilla-project.org/FileZilla_Client_Tutorial_(en)
  '.config/filezilla/recentservers.xml',
  '.config/filezilla/sitemanager.xml',
  'AppData/Roaming/FileZilla/recentservers.xml',
  'AppData/Roaming/FileZilla/sitemanager.xml',
];

/** The well-known credential files that exist under `home`, as walk entries labelled `~`. */
export async function homeCredentialFiles(home: string, maxFileSize: number, sink: WalkSink): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for (const relative of HOME_CREDENTIAL_FILES) {
    const absolute = join(home, relative);
    try {
      const info = await stat(absolute);
      if (!info.isFile()) continue;
      if (info.size > maxFileSize) {
        sink.skipped({ file: `~/${relative}`, reason: `larger than --max-file-size (${info.size} bytes)` });
        continue;
      }
      out.push({ root: home, label: '~', absolute, relative, size: info.size });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') sink.error({ file: `~/${relative}`, reason: code ?? 'cannot read' });
    }
  }
  return out;
}
