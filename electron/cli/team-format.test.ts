import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { formatSession, formatSessions } from './format.js';
import { sessionFixture } from '../test-support/session-fixture.js';
import { formatActivity } from './team-format.js';

const session = (patch: Partial<Session>): Session => sessionFixture({ prompt: '', status: 'running', ...patch });

describe('parents in the CLI', () => {
  it('ls gains a PARENT column only when some session has a parent', () => {
    const plain = formatSessions([session({})]);
    expect(plain.split('\n')[0]).not.toContain('PARENT');
    const table = formatSessions([session({}), session({ id: 'def456', parentId: 'abc123' })]).split('\n');
    expect(table[0]).toMatch(/ACTIVE\s+PARENT$/);
    expect(table[1]).toMatch(/\s-$/);
    expect(table[2]).toMatch(/\sabc123$/);
  });

  it('show names the parent and the worktree a session shares', () => {
    const shown = formatSession(session({ parentId: 'em0001', sharesWorktreeOf: 'em0001' }), []);
    expect(shown).toContain('  parent:    em0001');
    expect(shown).toContain('docs-abc123 (shared: in the worktree of em0001)');
    expect(formatSession(session({}), [])).not.toContain('parent:');
  });

  it('what shows the status, the question, the tool and the last message', () => {
    const text = formatActivity({
      session: session({ status: 'waiting' }),
      lastMessage: "I'll run the tests.",
      currentTool: 'Bash: npm test',
      question: 'Do you want to run npm test?',
    });
    expect(text).toBe(
      [
        'docs (abc123): waiting',
        '  question: Do you want to run npm test?',
        '  tool:     Bash: npm test',
        "  said:     I'll run the tests.",
      ].join('\n'),
    );
  });
});
