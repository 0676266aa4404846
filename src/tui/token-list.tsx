import { Box, Text } from 'ink';
import type { Severity } from '../core/types.js';
import { SEVERITY_SYMBOL, possibleSeverity, tokenSeverity } from '../report/format.js';
import type { ReportToken } from '../report/model.js';
import { principalText, reachText, shortLocation } from './cells.js';
import { fit, fitPath, fitStart } from './lines.js';
import { toneStyle } from './theme.js';

interface Columns {
  severity: number;
  provider: number;
  token: number;
  principal: number;
  level: number;
  location: number;
}

/**
 * Fixed columns for what is short; the provider column as wide as the longest provider id plus a
 * gap (`digitalocean`); the rest goes to the location (as wide as the longest one, at most half)
 * and the principal.
 */
export function listColumns(width: number, locationWidth = 20, providerWidth = 8): Columns {
  const provider = Math.min(13, Math.max(9, providerWidth + 1));
  const fixed = { severity: width < 100 ? 7 : 11, provider, token: 15, level: 8 };
  const rest = Math.max(16, width - 2 - fixed.severity - fixed.provider - fixed.token - 2 * fixed.level - 2);
  const location = Math.max(8, Math.min(locationWidth + 1, Math.floor(rest / 2)));
  return { ...fixed, principal: rest - location, location };
}

const SHORT: Record<Severity, string> = { critical: 'CRIT', high: 'HIGH', medium: 'MED', low: 'LOW', info: 'INFO' };

/**
 * Symbol and word, so severity reads without colour; short words below 100 columns. A possible
 * bound above the proven one shows as `LOW→CRIT` (or `LOW?` when narrow).
 */
function severityLabel(severity: Severity, possible: Severity, width: number): string {
  if (possible !== severity) return `${SEVERITY_SYMBOL[severity]} ${SHORT[severity]}${width < 10 ? '?' : `→${SHORT[possible]}`}`;
  return `${SEVERITY_SYMBOL[severity]} ${width < 10 ? SHORT[severity] : severity.toUpperCase()}`;
}

/** ARNs end in the part that names the principal; everything else reads from the start. */
function principalCell(text: string, width: number): string {
  return text.startsWith('arn:') ? fitStart(text, width) : fit(text, width);
}

export function TokenList(props: {
  tokens: readonly ReportToken[];
  selectedId?: string;
  top: number;
  rows: number;
  width: number;
  color: boolean;
  accepted: readonly string[];
  emptyText: string;
}) {
  const c = listColumns(
    props.width,
    Math.max(0, ...props.tokens.map((t) => shortLocation(t.locations[0]).length)),
    Math.max(0, ...props.tokens.map((t) => t.provider.length)),
  );
  const header = `  ${fit(c.severity < 11 ? 'SEV' : 'SEVERITY', c.severity)}${fit('PROVIDER', c.provider)}${fit('TOKEN', c.token)}${fit('PRINCIPAL', c.principal)} ${fit('PROD', c.level)}${fit('BACKUP', c.level)}${fit('LOCATION', c.location)}`;
  const shown = props.tokens.slice(props.top, props.top + props.rows - 1);
  return (
    <Box flexDirection="column" height={props.rows}>
      <Text wrap="truncate-end" {...toneStyle('muted', props.color)}>
        {header}
      </Text>
      {props.tokens.length === 0 ? <Text {...toneStyle('muted', props.color)}>{`  ${props.emptyText}`}</Text> : null}
      {shown.map((token) => {
        const severity = tokenSeverity(token);
        const selected = token.id === props.selectedId;
        const mark = props.accepted.includes(token.id) ? '✓' : token.baseline ? '!' : ' ';
        const unverified = !token.identity && token.verification.status !== 'live';
        return (
          <Text key={token.id} wrap="truncate-end" inverse={selected}>
            {`${selected ? '›' : ' '}${mark}`}
            <Text {...toneStyle(severity, props.color)}>{fit(severityLabel(severity, possibleSeverity(token), c.severity - 1), c.severity - 1)}</Text>
            {` ${fit(token.provider, c.provider - 1)} ${fit(token.redacted, c.token - 1)} `}
            <Text {...toneStyle(unverified ? 'warn' : 'accent', props.color)}>{principalCell(principalText(token), c.principal)}</Text>
            {` ${fit(reachText(token, 'production'), c.level)}${fit(reachText(token, 'backup'), c.level)}${fitPath(shortLocation(token.locations[0]), c.location)}`}
          </Text>
        );
      })}
    </Box>
  );
}
