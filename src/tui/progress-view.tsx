import { Box, Text } from 'ink';
import { formatBytes } from '../report/format.js';
import type { AuditProgress } from './progress.js';
import { toneStyle } from './theme.js';

const PHASE_TEXT = {
  scanning: 'walking files and detecting credentials',
  verifying: 'asking each provider what its tokens can do (read-only)',
  assessing: 'assessing blast radius',
} as const;

/** Shown until the report is ready: the walk, the tokens found and each provider's answers. */
export function ProgressView({ progress, roots, color }: { progress: AuditProgress; roots: readonly string[]; color: boolean }) {
  const providers = Object.entries(progress.providers).sort(([a], [b]) => a.localeCompare(b));
  const answered = providers.reduce((n, [, p]) => n + p.answered, 0);
  const total = providers.reduce((n, [, p]) => n + p.total, 0);
  return (
    <Box flexDirection="column">
      <Text {...toneStyle('title', color)}>{`blastradius audit — ${roots.join(' ')}`}</Text>
      <Text {...toneStyle('muted', color)}>{`… ${PHASE_TEXT[progress.phase]}`}</Text>
      <Text>{`  files walked    ${progress.files}  (${formatBytes(progress.bytes)})`}</Text>
      <Text>{`  candidates      ${progress.candidates}`}</Text>
      <Text>{`  tokens found    ${progress.tokens ?? '…'}`}</Text>
      {progress.tokens !== undefined ? <Text>{`  providers       ${answered} answered · ${total - answered} pending`}</Text> : null}
      {providers.map(([provider, p]) => (
        <Text key={provider} wrap="truncate-end" {...toneStyle(p.answered >= p.total ? 'ok' : undefined, color)}>
          {`    ${p.answered >= p.total ? '✓' : '…'} ${provider.padEnd(12)} ${p.answered}/${p.total}`}
        </Text>
      ))}
    </Box>
  );
}
