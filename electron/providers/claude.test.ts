import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderProfile } from '../../shared/provider-profile.js';
import { claudeProvider, detectClaudeScreen } from './claude.js';
import { readFixture } from './fixtures/read-fixture.js';
import type { LaunchContext } from './provider.js';

const read = (name: string) => detectClaudeScreen(readFixture('claude', name));

describe('detectClaudeScreen on recorded screens', () => {
  it('busy while thinking and while retrying the API ("esc to interrupt" in the footer)', () => {
    expect(read('busy-thinking')).toEqual({ busy: true, question: null });
    expect(read('busy-retrying')).toEqual({ busy: true, question: null });
    expect(read('busy-retrying-529')).toEqual({ busy: true, question: null });
  });

  it('idle at the input box: after an interrupt, while the user types', () => {
    for (const name of ['interrupted', 'interrupted-by-esc', 'typing', 'offline-no-network', 'resume-unknown-id']) {
      expect(read(name), name).toEqual({ busy: false, question: null });
    }
  });

  it('reads the workspace trust check as a question', () => {
    expect(read('trust-folder')).toEqual({
      busy: false,
      question: {
        text: 'Is this a project you created or one you trust?',
        options: ['Yes, I trust this folder', 'No, exit'],
        detail: 'Accessing workspace:\n/tmp/cap/repo',
      },
    });
  });

  it('not logged in ("Please run /login" under the prompt, "Run /login" in the footer): needs sign-in, with what to do', () => {
    expect(read('not-logged-in')).toEqual({
      busy: false,
      question: {
        text: 'Not logged in',
        options: [],
        kind: 'sign-in',
        hint: expect.stringMatching(/\/login.*ANTHROPIC_API_KEY/),
      },
    });
  });

  it('idle after its request failed ("API Error: Unable to connect"): stopped on an error, with what to do', () => {
    expect(read('idle-after-api-error')).toEqual({
      busy: false,
      question: {
        text: 'API Error: Unable to connect to API (FailedToOpenSocket)',
        options: [],
        kind: 'error',
        hint: expect.stringContaining('check the network'),
      },
    });
    // Resumed, the conversation ends on that failed request still: the prompt it was about has no answer.
    expect(read('resumed').question).toMatchObject({ kind: 'error' });
  });

  it('reads the API-key prompt as a setup question (auto-yes leaves it)', () => {
    expect(read('api-key').question).toEqual({
      text: 'Do you want to use this API key?',
      options: ['Yes', 'No (recommended)'],
      detail: 'Detected a custom API key in your environment\nANTHROPIC_API_KEY: sk-ant-...k-ant-flotilla-dummy',
      kind: 'setup',
    });
  });

  // permission-*, busy-stalled, idle-after-*: recorded from 2.1.197 by real-claude.test.ts (FLOTILLA_RECORD_SCREENS=1).
  it('reads a Bash permission dialog with its command', () => {
    expect(read('permission-bash')).toEqual({
      busy: false,
      question: {
        text: 'Do you want to proceed?',
        options: ['Yes', 'Yes, and always allow access to tidy-the-readme-dae9c15f/ from this project', 'No'],
        detail: 'Bash command\ntouch bash-ran.txt\nMark that Bash ran',
      },
    });
    expect(read('permission-bash-dangerous').question?.detail).toContain('rm -rf ~/Library/Caches /tmp/build-cache');
  });

  it('reads the Write and Edit dialogs with the file and its content', () => {
    expect(read('permission-write')).toEqual({
      busy: false,
      question: {
        text: 'Do you want to create hello.txt?',
        options: ['Yes', 'Yes, allow all edits during this session (shift+tab)', 'No'],
        detail: 'Create file\nhello.txt\n1 hello',
      },
    });
    expect(read('permission-edit').question).toEqual({
      text: 'Do you want to make this edit to README.md?',
      options: ['Yes', 'Yes, allow all edits during this session (shift+tab)', 'No'],
      detail: 'Edit file\nREADME.md\n1 -# temp repo\n1 +# tidy repo',
    });
  });

  it('busy while the model has not answered (spinner, "esc to interrupt"); idle after; an API error stops it', () => {
    expect(read('busy-stalled')).toEqual({ busy: true, question: null });
    expect(read('idle-after-write')).toEqual({ busy: false, question: null });
    expect(read('idle-after-api-error-400').question).toMatchObject({
      kind: 'error',
      text: 'API Error: 400 scripted failure',
    });
  });

  it('reads the boxed (1.x) edit dialog', () => {
    const { question } = read('permission-edit-boxed');
    expect(question?.text).toBe('Do you want to make this edit to README.md?');
    expect(question?.options).toEqual([
      'Yes',
      "Yes, and don't ask again this session (shift+tab)",
      'No, and tell Claude what to do differently (esc)',
    ]);
    expect(question?.detail).toMatch(/^Edit file\nREADME\.md\n/);
  });

  it('does not read a question already answered above the input box', () => {
    expect(read('permission-answered')).toEqual({ busy: false, question: null });
  });
});

describe('claudeProvider', () => {
  let dir: string;
  const profile = (overrides: Partial<ProviderProfile> = {}): ProviderProfile => ({
    id: 'prof-1',
    provider: 'claude',
    name: 'work',
    binaryPath: path.join(dir, 'bin', 'claude'),
    extraArgs: [],
    model: null,
    env: { CLAUDE_CONFIG_DIR: path.join(dir, 'config') },
    createdAt: 't',
    updatedAt: 't',
    ...overrides,
  });
  const ctx = (overrides: Partial<LaunchContext> = {}): LaunchContext => ({
    sessionId: 's1',
    prompt: 'add a README',
    conversationId: '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70',
    worktreePath: dir,
    stateDir: dir,
    profile: profile(),
    ...overrides,
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flotilla-claude-'));
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'bin', 'claude'), '#!/bin/sh\n', { mode: 0o755 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts with --session-id and the prompt after "--", with the profile model, args and env', async () => {
    const launch = await claudeProvider.launch(
      ctx({ profile: profile({ model: 'sonnet', extraArgs: ['--permission-mode', 'default'] }) }),
    );
    expect(launch).toEqual({
      file: path.join(dir, 'bin', 'claude'),
      args: [
        '--session-id',
        '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70',
        '--model',
        'sonnet',
        '--permission-mode',
        'default',
        '--',
        'add a README',
      ],
      env: { DISABLE_AUTOUPDATER: '1', CLAUDE_CONFIG_DIR: path.join(dir, 'config') },
    });
    expect((await claudeProvider.launch(ctx({ prompt: '' }))).args).toEqual([
      '--session-id',
      '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70',
    ]);
  });

  it('resumes with --resume <id> once Claude has written the conversation, and restarts (null) before that', async () => {
    expect(await claudeProvider.resume(ctx())).toBeNull();
    const project = path.join(dir, 'config', 'projects', '-home-ana-app');
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70.jsonl'), '{}\n');
    expect((await claudeProvider.resume(ctx()))?.args).toEqual(['--resume', '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70']);
  });

  it('a new conversation id per session', () => {
    expect(claudeProvider.newConversationId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(claudeProvider.newConversationId()).not.toBe(claudeProvider.newConversationId());
  });

  it('answers by option number, denies with Esc', () => {
    const question = read('permission-bash').question!;
    expect(claudeProvider.keys.option(1, question)).toBe('1');
    expect(claudeProvider.keys.option(2, question)).toBe('2');
    expect(claudeProvider.keys.deny(question)).toBe('\x1b');
  });

  it('a number picks its option wherever the highlight is (2.1.197: after ↓, approve with "1" trusted the folder)', () => {
    const moved = read('trust-folder-option-2').question!;
    expect(moved).toEqual(read('trust-folder').question);
    expect(claudeProvider.keys.option(1, moved)).toBe('1');
  });

  it('a missing binary path names the profile to fix', async () => {
    await expect(
      claudeProvider.launch(ctx({ profile: profile({ binaryPath: path.join(dir, 'nope') }) })),
    ).rejects.toMatchObject({
      code: 'PROVIDER_NOT_FOUND',
      message: expect.stringContaining('profile "work"'),
    });
  });
});

describe('detectClaudeScreen on its other forms (hand-written screens, fixtures/README.md)', () => {
  it('busy on the spinner label alone ("✽ Tempering…") and on a live token count, without "esc to interrupt"', () => {
    expect(read('busy-spinner-no-hint')).toEqual({ busy: true, question: null });
    // Recorded (2.1.197, a reply streamed slowly): "✻ Flibbertigibbeting… (0s · ↓ 4 tokens)"; its footer hint removed.
    const streaming = readFixture('claude', 'busy-streaming-tokens');
    expect(detectClaudeScreen(streaming)).toEqual({ busy: true, question: null });
    const withoutHint = streaming.map((line) => line.replace(/esc to interrupt/, '               '));
    expect(detectClaudeScreen(withoutHint)).toEqual({ busy: true, question: null });
    expect(read('busy-tokens')).toEqual({ busy: true, question: null });
  });

  it('a dialog confirmed with Enter in place of the input box is a question; Enter approves, Esc declines', () => {
    const question = read('confirm-enter').question!;
    expect(question).toEqual({
      text: 'Rewind the conversation to "add a README"?',
      options: ['Confirm (enter)', 'Cancel (esc)'],
      detail: 'The code changes made since then stay.',
    });
    expect(claudeProvider.keys.option(1, question)).toBe('\r');
    expect(claudeProvider.keys.deny(question)).toBe('\x1b');
  });

  it("[y/n], a confirm hint, a spinner label and a token count in the agent's text above the input box: idle, no question", () => {
    expect(read('not-question-in-prose')).toEqual({ busy: false, question: null });
  });
});
