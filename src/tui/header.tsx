import { Box, Text } from 'ink';
import { SEVERITY_ORDER, SEVERITY_SYMBOL, formatBytes, tokenSeverity } from '../report/format.js';
import type { Report, ReportToken } from '../report/model.js';
import type { SortMode } from './filter.js';
import type { View } from './state.js';
import { wrapLines } from './lines.js';
import { toneStyle } from './theme.js';

/** The workspace verdict (the product's one sentence) on up to two lines, so 80 columns still show it whole. */
export function verdictLines(report: Report, width: number): { label: string; lines: string[] } {
  const verdict = report.workspace;
  if (!verdict || report.tokens.length === 0)
    return { label: '', lines: [report.tokens.length ? 'no workspace verdict in this report' : 'No credentials found.'] };
  const widened = verdict.possible && verdict.possible.severity !== verdict.severity ? ` (possibly ${verdict.possible.severity.toUpperCase()})` : '';
  const label = `${SEVERITY_SYMBOL[verdict.severity]} WORKSPACE ${verdict.severity.toUpperCase()}${widened}`;
  const wrapped = wrapLines([{ text: `${label}  ${verdict.summary}` }], width - 1).map((l) => l.text);
  return { label, lines: wrapped.length > 2 ? [wrapped[0], `${wrapped[1]} ${wrapped.slice(2).join(' ')}`] : wrapped };
}

/** What was scanned, the workspace verdict, and the view / sort / filter in force. */
export function Header(props: { report: Report; visible: readonly ReportToken[]; view: View; sort: SortMode; query: string; color: boolean; width: number }) {
  const { report, visible } = props;
  const s = report.scan;
  const counts = SEVERITY_ORDER.map((sev) => [sev, report.tokens.filter((t) => tokenSeverity(t) === sev).length] as const).filter(([, n]) => n > 0);
  const tally = counts.map(([sev, n]) => `${n} ${sev}`).join(', ');
  const roots = s.roots.length === 1 && s.roots[0] === '.' ? '' : ` ${s.roots.join(' ')}`;
  const title = `blastradius audit${roots} · ${report.tokens.length} token${report.tokens.length === 1 ? '' : 's'}${tally ? `: ${tally}` : ''} · ${s.files} files, ${formatBytes(s.bytes)}${s.offline ? ' · offline' : ''}`;
  const verdict = verdictLines(report, props.width);
  const tab = (name: string, active: boolean) => (active ? `[${name}]` : ` ${name} `);
  const tabs = `${tab(props.view === 'detail' ? 'detail' : 'list', props.view !== 'reach')} ${tab('reach', props.view === 'reach')}`;
  const filter = props.query ? `filter: ${props.query}` : 'filter: none (/)';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" {...toneStyle('title', props.color)}>
        {title}
      </Text>
      {verdict.label ? (
        <>
          <Text wrap="truncate-end">
            <Text {...toneStyle(report.workspace!.severity, props.color)}>{verdict.label}</Text>
            {verdict.lines[0].slice(verdict.label.length)}
          </Text>
          {verdict.lines.slice(1).map((line) => (
            <Text key={line} wrap="truncate-end">
              {line}
            </Text>
          ))}
        </>
      ) : (
        <Text wrap="truncate-end" {...toneStyle('ok', props.color)}>
          {verdict.lines[0]}
        </Text>
      )}
      <Text
        wrap="truncate-end"
        {...toneStyle('muted', props.color)}
      >{`${tabs}   sort: ${props.sort} (s)   ${filter}   ${visible.length}/${report.tokens.length} shown`}</Text>
    </Box>
  );
}
