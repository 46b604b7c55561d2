import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixture } from './fixtures/read-fixture.js';
import { detectOpencodeScreen, opencodeProvider } from './opencode.js';

const read = (name: string) => detectOpencodeScreen(readFixture('opencode', name));

describe('detectOpencodeScreen', () => {
  it('busy with "esc interrupt" in the prompt footer (recorded against the scripted model)', () => {
    expect(read('busy')).toEqual({ busy: true, question: null });
  });

  it('idle after --continue restored the session, or started afresh with nothing recorded (real screens)', () => {
    expect(read('resumed-idle')).toEqual({ busy: false, question: null });
    expect(read('resume-nothing-recorded')).toEqual({ busy: false, question: null });
  });

  it('reads the permission panel with the tool call (recorded against the scripted model)', () => {
    expect(read('permission')).toEqual({
      busy: false,
      question: {
        text: 'Permission required',
        options: ['Allow once', 'Allow always', 'Reject'],
        detail: "# Shell command\n$ printf 'approved\\n' > made.txt",
      },
    });
  });

  it('does not read a permission already answered or rejected', () => {
    expect(read('permission-answered')).toEqual({ busy: false, question: null });
    expect(read('permission-denied')).toEqual({ busy: false, question: null });
  });
});

describe('opencodeProvider', () => {
  it('starts with --prompt, resumes with --continue, answers with Enter / Right / Esc', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'flotilla-opencode-'));
    try {
      const bin = path.join(dir, 'opencode');
      writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
      const profile = {
        id: 'p',
        provider: 'opencode',
        name: 'x',
        binaryPath: bin,
        extraArgs: [],
        model: 'anthropic/claude-sonnet-4',
        env: {},
        createdAt: 't',
        updatedAt: 't',
      };
      const ctx = {
        sessionId: 's',
        prompt: 'add a README',
        conversationId: null,
        worktreePath: dir,
        stateDir: dir,
        profile,
      };
      expect((await opencodeProvider.launch(ctx)).args).toEqual([
        '--model',
        'anthropic/claude-sonnet-4',
        '--prompt=add a README',
      ]);
      expect((await opencodeProvider.resume(ctx))?.args).toEqual([
        '--continue',
        '--model',
        'anthropic/claude-sonnet-4',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const question = read('permission').question!;
    expect(opencodeProvider.keys.option(1, question)).toBe('\r');
    expect(opencodeProvider.keys.option(2, question)).toBe('\x1b[C\r');
    expect(opencodeProvider.keys.deny(question)).toBe('\x1b');
  });
});

describe('detectOpencodeScreen on its other forms (hand-written screen, fixtures/README.md)', () => {
  it('"△ Permission required … Press Enter to allow" without buttons: Enter allows, Esc rejects', () => {
    const reading = read('permission-press-enter');
    expect(reading).toEqual({
      busy: false,
      question: {
        text: 'Permission required',
        options: ['Allow (enter)', 'Reject (esc)'],
        detail: '# Shell command\n$ rm -rf build',
      },
    });
    expect(opencodeProvider.keys.option(1, reading.question!)).toBe('\r');
    expect(opencodeProvider.keys.option(2, reading.question!)).toBe('\x1b');
    expect(opencodeProvider.keys.deny(reading.question!)).toBe('\x1b');
  });
});

describe('detectOpencodeScreen: the panel quoted in a reply', () => {
  it('"△ Permission required" and its buttons in the agent\'s text above the input box are no question', () => {
    expect(read('not-permission-in-reply')).toEqual({ busy: false, question: null });
  });
});
