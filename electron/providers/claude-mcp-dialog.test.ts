import { describe, expect, it } from 'vitest';
import { detectClaudeScreen } from './claude.js';
import { readFixture } from './fixtures/read-fixture.js';
import { findOptionBlock } from './read-question.js';

// Claude Code 2.1.197 asking before an MCP tool call (recorded from real-claude-mcp.test.ts): option 2 names
// the worktree, too long for the terminal, so it goes on in a second line under its text.

describe("Claude Code's MCP tool dialog", () => {
  it('is a question with three options, the wrapped one read whole', () => {
    const reading = detectClaudeScreen(readFixture('claude', 'permission-mcp-tool'));
    expect(reading).toMatchObject({
      busy: false,
      question: {
        text: 'Do you want to proceed?',
        options: [
          'Yes',
          "Yes, and don't ask again for flotilla - status commands in /tmp/flotilla-test/data/worktrees/repo/worker-eaad39fc",
          'No',
        ],
      },
    });
    expect(reading.question?.detail).toContain('flotilla - status (MCP)');
  });

  it('reads option 2 drawn without its space ("2.Yes, and …"), as the send dialog was', () => {
    const reading = detectClaudeScreen(readFixture('claude', 'permission-mcp-send'));
    expect(reading.question).toMatchObject({
      text: 'Do you want to proceed?',
      options: [
        'Yes',
        "Yes, and don't ask again for flotilla - send commands in /tmp/flotilla-test/data/worktrees/repo/worker-68931396",
        'No',
      ],
    });
    expect(findOptionBlock(['Claude Code 2.1.197', 'v3.Later'])).toBeNull();
  });

  it('a line between options that is not indented under the text still ends the menu', () => {
    expect(findOptionBlock(['1. Yes', 'some prose', '2. No'])).toBeNull();
    expect(
      findOptionBlock([
        '  1. Yes',
        '  2. No, and more',
        '     that goes on',
        '     and on',
        '     and on',
        '  3. Stop',
      ]),
    ).toBeNull();
    expect(findOptionBlock(['  1. Yes', '  2. No, and more', '     that goes on', '  3. Stop'])).toMatchObject({
      options: ['Yes', 'No, and more that goes on', 'Stop'],
      first: 0,
      last: 3,
    });
  });
});
