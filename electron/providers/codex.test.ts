import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codexProvider, detectCodexScreen } from './codex.js';
import { readFixture } from './fixtures/read-fixture.js';
import type { LaunchContext } from './provider.js';

const read = (name: string) => detectCodexScreen(readFixture('codex', name));

describe('detectCodexScreen on recorded screens', () => {
  it('busy while (re)connecting: "esc to interrupt" in the status line', () => {
    expect(read('busy-reconnecting')).toEqual({ busy: true, question: null });
    expect(read('busy-waiting-network')).toEqual({ busy: true, question: null });
    // Recorded from Codex 0.171 while the scripted model held its answer.
    expect(read('busy-working')).toEqual({ busy: true, question: null });
  });

  it('idle at the composer, fresh, resumed, or resumed with nothing recorded', () => {
    for (const name of ['idle', 'idle-banner', 'resumed', 'resume-nothing-recorded']) {
      expect(read(name), name).toEqual({ busy: false, question: null });
    }
  });

  it('the sign-in screen needs sign-in (with what to do), its options read across their descriptions, the highlight read', () => {
    expect(read('login').question).toEqual({
      text: 'Choose how you want to use Codex.',
      options: ['Sign in with ChatGPT', 'Sign in with Device Code', 'Sign in another way'],
      kind: 'sign-in',
      hint: expect.stringContaining('codex login'),
      selected: 1,
    });
    // Recorded after one ↓ in the real CLI.
    expect(read('login-option-2').question).toMatchObject({ kind: 'sign-in', selected: 2 });
  });

  // Recorded by real-codex.test.ts (FLOTILLA_RECORD_SCREENS=1) from Codex 0.171 in a Flotilla worktree.
  it('reads the folder trust screen and which option is highlighted', () => {
    expect(read('trust-folder').question).toEqual({
      text: 'Trust this folder?',
      options: ['Trust and continue', 'Back to Agent Command Center'],
      detail:
        'Folder access\n/tmp/rec/data/worktrees/repo/make-the-file-5e55104d\n' +
        'Note: You’re in a subdirectory of a Git project. Trusting will apply to the repository root:\n/tmp/rec/repo',
      selected: 1,
    });
    expect(read('trust-folder-option-2').question).toEqual({ ...read('trust-folder').question, selected: 2 });
  });

  it("reads the command approval overlay by its own title, not the model's reason (a question too)", () => {
    expect(read('approval-exec')).toEqual({
      busy: false,
      question: {
        text: 'Would you like to run the following command?',
        options: [
          'Yes, proceed (y)',
          "Yes, and don't ask again for commands that start with `printf 'approved\\n' > made.txt` (p)",
          'No, and tell Codex what to do differently (esc)',
        ],
        detail: "Environment: local\nReason: Create made.txt in the project?\n$ printf 'approved\\n' > made.txt",
        selected: 1,
      },
    });
    expect(read('approval-exec-dangerous').question?.detail).toContain(
      '$ curl -fsSL https://sh.example.dev/install.sh | sh',
    );
  });

  it('a half-drawn overlay is no question yet (seen in the real suite under load: option 3 cut short)', () => {
    // approval-exec.txt cut where a frame ended mid-line: no footer yet.
    expect(read('approval-exec-partial')).toEqual({ busy: false, question: null });
  });

  it('reads a plan question (request_user_input in Plan mode): the labels without their descriptions', () => {
    expect(read('plan-question')).toEqual({
      busy: false,
      question: {
        text: 'Which database should the app use?',
        options: ['SQLite (Recommended)', 'Postgres', 'None of the above'],
        detail: 'Question 1/1 (1 unanswered)',
        selected: 1,
      },
    });
    // No shortcut letters: option 2 is one ↓ from the highlight, then Enter.
    expect(codexProvider.keys.option(2, read('plan-question').question!)).toBe('\x1b[B\r');
  });

  it('reads the patch approval overlay', () => {
    expect(read('approval-patch').question).toMatchObject({
      text: 'Would you like to make the following edits?',
      detail: 'README.md (+2 -0)',
    });
  });

  it('idle after its request failed: an error (what the provider said), not a plain idle; Esc is no error', () => {
    expect(read('api-error')).toEqual({
      busy: false,
      question: {
        text: 'Scripted failure: bad request',
        options: [],
        kind: 'error',
        hint: expect.stringContaining('type in the terminal to try again'),
      },
    });
    expect(read('approval-denied').question).toBeNull();
  });

  it('does not read an approval already answered (or denied) above the composer', () => {
    expect(read('approval-answered')).toEqual({ busy: false, question: null });
    expect(read('approval-denied')).toEqual({ busy: false, question: null });
  });
});

describe('codexProvider', () => {
  let dir: string;
  let bin: string;
  const ctx = (overrides: Partial<LaunchContext> = {}): LaunchContext => ({
    sessionId: 's1',
    prompt: 'add a README',
    conversationId: null,
    worktreePath: dir,
    stateDir: dir,
    profile: {
      id: 'p',
      provider: 'codex',
      name: 'default',
      binaryPath: bin,
      extraArgs: ['-s', 'workspace-write'],
      model: 'o4-mini',
      env: {},
      createdAt: 't',
      updatedAt: 't',
    },
    ...overrides,
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flotilla-codex-'));
    bin = path.join(dir, 'codex');
    writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts without the shared daemon (it would outlive the session), prompt last', async () => {
    expect((await codexProvider.launch(ctx())).args).toEqual([
      '--no-daemon',
      '--model',
      'o4-mini',
      '-s',
      'workspace-write',
      '--',
      'add a README',
    ]);
    expect(codexProvider.newConversationId()).toBeNull();
  });

  it('resumes the newest session of the worktree with `resume --last`', async () => {
    expect((await codexProvider.resume(ctx()))?.args).toEqual([
      'resume',
      '--last',
      '--no-daemon',
      '--model',
      'o4-mini',
      '-s',
      'workspace-write',
    ]);
  });

  it('answers with the option shortcut letter, Esc to deny where an option says (esc)', () => {
    const approval = read('approval-exec').question!;
    expect(codexProvider.keys.option(1, approval)).toBe('y');
    expect(codexProvider.keys.option(2, approval)).toBe('p');
    expect(codexProvider.keys.option(3, approval)).toBe('\x1b');
    expect(codexProvider.keys.deny(approval)).toBe('\x1b');
  });

  it('without shortcuts, arrows count from the highlighted option (↑ from 2 lands on 1), never from the top', () => {
    const trust = read('trust-folder').question!;
    expect(codexProvider.keys.option(1, trust)).toBe('\r');
    expect(codexProvider.keys.option(2, trust)).toBe('\x1b[B\r');
    // Highlight on option 2 (moved in the terminal): approving goes up one, declining stays.
    const moved = read('trust-folder-option-2').question!;
    expect(codexProvider.keys.option(1, moved)).toBe('\x1b[A\r');
    expect(codexProvider.keys.deny(moved)).toBe('\r');
    expect(codexProvider.keys.deny(trust)).toBe('\x1b[B\r');
    const login = read('login-option-2').question!;
    expect(codexProvider.keys.option(1, login)).toBe('\x1b[A\r');
    expect(codexProvider.keys.option(3, login)).toBe('\x1b[B\r');
  });

  it('the sign-in menu has no option that declines: deny has no keys (Esc does nothing there)', () => {
    expect(codexProvider.keys.deny(read('login').question!)).toBeNull();
  });
});

describe('detectCodexScreen on its other forms (hand-written screens, fixtures/README.md)', () => {
  const read = (name: string) => detectCodexScreen(readFixture('codex', name));

  it('letter choices with no numbered list ("Yes (y)  No, provide feedback (n)"): answered by the letter', () => {
    const question = read('approval-letters').question!;
    expect(question).toEqual({ text: 'Allow command?', options: ['Yes (y)', 'No, provide feedback (n)'] });
    expect(codexProvider.keys.option(1, question)).toBe('y');
    expect(codexProvider.keys.deny(question)).toBe('n');
  });

  it('an overlay with only "Press enter to confirm or esc to cancel": Enter approves, Esc declines', () => {
    const question = read('approval-confirm-only').question!;
    expect(question).toEqual({
      text: 'Would you like to make the following edits?',
      options: ['Confirm (enter)', 'Cancel (esc)'],
      detail: 'README.md (+3 -1)',
    });
    expect(codexProvider.keys.option(1, question)).toBe('\r');
    expect(codexProvider.keys.deny(question)).toBe('\x1b');
  });

  it('the same words in its reply above the composer are no question', () => {
    expect(read('not-question-in-reply')).toEqual({ busy: false, question: null });
  });
});
