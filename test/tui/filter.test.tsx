import { describe, expect, it } from 'vitest';
import { parseFilter, visibleTokens } from '../../src/tui/filter.js';
import { KEYS, auditRenderer } from './render.js';
import { sampleReport } from './reports.js';

const audit = auditRenderer();
const providers = (frame: string) =>
  frame
    .split('\n')
    .filter((l) => /^[› ][✓! ][‼▲●○·] /.test(l))
    .map((l) => l.split(/\s+/)[3]);

describe('filter (/)', () => {
  it('filters as you type, keeps the query on enter, and says what is shown', async () => {
    const ui = audit(sampleReport());
    await ui.press('/');
    expect(ui.frame()).toContain('/█');
    await ui.type('rail');
    expect(providers(ui.frame())).toEqual(['railway']);
    expect(ui.frame()).toContain('/rail█');
    await ui.press(KEYS.enter);
    expect(ui.frame()).toContain('filter: rail');
    expect(ui.frame()).toContain('1/6 shown');
    expect(ui.frame()).toContain('⏎ open');
  });

  it('by provider, by severity (key or bare word) and by any text in the token', async () => {
    const ui = audit(sampleReport());
    await ui.press('/');
    await ui.type('provider:git');
    expect(providers(ui.frame())).toEqual(['github']);
    await ui.press(KEYS.escape, '/');
    await ui.type('sev:critical,low');
    expect(providers(ui.frame())).toEqual(['aws', 'railway', 'postgres']);
    await ui.press(KEYS.escape, '/');
    await ui.type('critical');
    expect(providers(ui.frame())).toEqual(['aws', 'railway']);
    await ui.press(KEYS.escape, '/');
    await ui.type('volumeDelete');
    expect(providers(ui.frame())).toEqual(['railway']);
    await ui.press(KEYS.escape, '/');
    await ui.type('acme-bot');
    expect(providers(ui.frame())).toEqual(['github']);
  });

  it('backspace edits, esc restores the previous query, esc in the list clears it', async () => {
    const ui = audit(sampleReport());
    await ui.press('/');
    await ui.type('awsx');
    expect(ui.frame()).toContain('No token matches "awsx" (esc clears the filter).');
    await ui.press(KEYS.backspace);
    expect(providers(ui.frame())).toEqual(['aws']);
    await ui.press(KEYS.enter, '/');
    await ui.type(' slack');
    await ui.press(KEYS.escape);
    expect(ui.frame()).toContain('filter: aws ');
    await ui.press(KEYS.escape);
    expect(ui.frame()).toContain('filter cleared');
    expect(ui.frame()).toContain('6/6 shown');
  });

  it('takes keys that arrive in one chunk (fast typing, paste, tmux send-keys) one by one', async () => {
    const ui = audit(sampleReport());
    await ui.press('/rail\r\r');
    expect(ui.frame()).toContain('filter: rail');
    expect(ui.frame()).toContain('[detail]');
    expect(ui.frame()).toContain('‼ CRITICAL  railway …6a7b');
  });

  it('filtering from the detail pane goes back to the list', async () => {
    const ui = audit(sampleReport());
    await ui.press(KEYS.enter, '/');
    await ui.type('slack');
    expect(ui.frame()).toContain('[list]');
    expect(providers(ui.frame())).toEqual(['slack']);
  });

  it('parses the query', () => {
    expect(parseFilter('p:aws,gcp severity:high bogus:1 Critical  token')).toEqual({
      providers: ['aws', 'gcp'],
      severities: ['high', 'critical'],
      words: ['bogus:1', 'token'],
    });
    expect(visibleTokens(sampleReport().tokens, 'status', 'severity')).toHaveLength(0);
    expect(visibleTokens(sampleReport().tokens, 'error', 'severity').map((t) => t.provider)).toEqual(['slack']);
  });
});
