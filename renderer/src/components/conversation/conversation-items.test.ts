import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../../shared/agent-events.js';
import { conversationItems, itemMatches } from './conversation-items.js';

let seq = 0;
function event(kind: AgentEvent['kind'], fields: Partial<AgentEvent> = {}): AgentEvent {
  return {
    seq: ++seq,
    sessionId: 's',
    kind,
    at: '2026-12-07T20:00:00.000Z',
    source: 'transcript',
    text: null,
    tool: null,
    callId: null,
    input: null,
    outcome: null,
    path: null,
    ...fields,
  };
}

describe('conversation items', () => {
  it('pairs each call with its result and files, in the order the calls were made, messages between', () => {
    const items = conversationItems([
      event('message.user', { text: 'make two files' }),
      event('tool.invoked', { tool: 'Write', callId: 'a', path: '/w/a.txt' }),
      event('tool.invoked', { tool: 'Write', callId: 'b', path: '/w/b.txt' }),
      event('tool.completed', { callId: 'b', outcome: 'denied' }),
      event('tool.completed', { callId: 'a', outcome: 'ok' }),
      event('file.created', { callId: 'a', path: '/w/a.txt' }),
      event('file.deleted', { path: '/w/old.txt', source: 'watcher' }),
      event('message.assistant', { text: 'Made a.txt; b.txt was refused.' }),
    ]);
    expect(
      items.map((item) =>
        item.type === 'tool'
          ? ['tool', item.invoked?.callId, item.completed?.outcome, item.files.map((f) => f.path)]
          : [item.type, item.event.text ?? item.event.path],
      ),
    ).toEqual([
      ['message', 'make two files'],
      ['tool', 'a', 'ok', ['/w/a.txt']],
      ['tool', 'b', 'denied', []],
      ['file', '/w/old.txt'],
      ['message', 'Made a.txt; b.txt was refused.'],
    ]);
  });

  it('a result whose call was never seen (read from its hook only later) is still shown', () => {
    const items = conversationItems([event('tool.completed', { tool: 'Bash', callId: 'x', outcome: 'error' })]);
    expect(items).toMatchObject([{ type: 'tool', invoked: null, completed: { outcome: 'error' } }]);
  });

  it('search looks in text, tool, input, output and paths, ignoring case', () => {
    const [call] = conversationItems([
      event('tool.invoked', { tool: 'Bash', callId: 'c', input: '{"command":"npm test"}' }),
      event('tool.completed', { callId: 'c', outcome: 'ok', text: '12 passing' }),
    ]);
    expect(itemMatches(call!, 'NPM TEST')).toBe(true);
    expect(itemMatches(call!, 'passing')).toBe(true);
    expect(itemMatches(call!, 'bash')).toBe(true);
    expect(itemMatches(call!, 'eslint')).toBe(false);
    expect(itemMatches(call!, '  ')).toBe(true);
  });
});
