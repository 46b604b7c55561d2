import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFixture } from './fixtures/read-fixture.js';
import { detectGeminiScreen, geminiProvider } from './gemini.js';
import type { LaunchContext } from './provider.js';

const read = (name: string) => detectGeminiScreen(readFixture('gemini', name));

describe('detectGeminiScreen on recorded screens', () => {
  it('busy while thinking ("esc to cancel")', () => {
    expect(read('busy-thinking')).toEqual({ busy: true, question: null });
  });

  it('reads the folder trust box', () => {
    expect(read('trust-folder').question).toEqual({
      text: 'Do you trust the files in this folder?',
      options: ['Trust folder (repo)', 'Trust parent folder (cap)', "Don't trust"],
    });
  });

  it('the authentication choice needs sign-in, with what to do', () => {
    for (const name of ['auth', 'auth-api-key-detected']) {
      expect(read(name).question, name).toMatchObject({
        text: 'How would you like to authenticate for this project?',
        options: ['Sign in with Google', 'Use Gemini API Key', 'Vertex AI'],
        kind: 'sign-in',
        hint: expect.stringContaining('GEMINI_API_KEY'),
      });
    }
    expect(read('api-key-entry').question).toBeNull();
  });

  it('reads "Allow execution of [Shell]?" with the command from the box (recorded against the scripted model)', () => {
    expect(read('allow-execution')).toEqual({
      busy: false,
      question: {
        text: 'Allow execution of [Shell]?',
        options: ['Allow once', 'Allow for this session', 'No, suggest changes (esc)'],
        detail: "? Shell  printf 'approved\\n' > made.txt\nprintf 'approved\\n' > made.txt",
      },
    });
    expect(read('allow-execution-older').question).toMatchObject({
      text: "Allow execution of: 'rm'?",
      options: ['Yes, allow once', 'Yes, allow always ...', 'No, suggest changes (esc)'],
    });
  });

  it('reads "Apply this change?"', () => {
    expect(read('apply-change').question).toMatchObject({
      text: 'Apply this change?',
      options: ['Allow once', 'Allow for this session', 'Modify with external editor', 'No, suggest changes (esc)'],
    });
  });

  it('idle after the tool ran, and after a resume that found nothing resumable', () => {
    for (const name of ['answered', 'denied', 'resume-latest-nothing-resumable', 'resume-id-not-resumable']) {
      expect(read(name), name).toEqual({ busy: false, question: null });
    }
  });
});

describe('geminiProvider', () => {
  let dir: string;
  const id = '5d0c8a2e-1b7d-4c6e-9a1f-2b3c4d5e6f74';
  const ctx = (overrides: Partial<LaunchContext> = {}): LaunchContext => ({
    sessionId: 's1',
    prompt: '-v explain',
    conversationId: id,
    worktreePath: dir,
    stateDir: dir,
    profile: {
      id: 'p',
      provider: 'gemini',
      name: 'x',
      binaryPath: path.join(dir, 'gemini'),
      extraArgs: [],
      model: 'gemini-2.5-pro',
      env: { GEMINI_CLI_HOME: dir },
      createdAt: 't',
      updatedAt: 't',
    },
    ...overrides,
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flotilla-gemini-'));
    writeFileSync(path.join(dir, 'gemini'), '#!/bin/sh\n', { mode: 0o755 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts with --session-id and runs the prompt interactively (-i), even one starting with "-"', async () => {
    expect((await geminiProvider.launch(ctx())).args).toEqual([
      '--session-id',
      id,
      '--model',
      'gemini-2.5-pro',
      '--prompt-interactive=-v explain',
    ]);
  });

  it('resumes the newest conversation of the worktree once its chat is written, else restarts (null)', async () => {
    expect(await geminiProvider.resume(ctx())).toBeNull();
    const chats = path.join(dir, '.gemini', 'tmp', 'repo', 'chats');
    mkdirSync(chats, { recursive: true });
    const file = path.join(chats, `session-2026-11-21T23-56-${id.slice(0, 8)}.jsonl`);
    // Another conversation whose id merely starts the same way does not count.
    writeFileSync(file, `${JSON.stringify({ sessionId: `${id.slice(0, 8)}-0000-4000-8000-000000000000` })}\n`);
    expect(await geminiProvider.resume(ctx())).toBeNull();
    writeFileSync(file, `${JSON.stringify({ sessionId: id, kind: 'main' })}\n{"$set":{}}\n`);
    expect((await geminiProvider.resume(ctx()))?.args).toEqual(['--resume', 'latest', '--model', 'gemini-2.5-pro']);
  });

  it('answers by number, denies with Esc', () => {
    const question = read('allow-execution').question!;
    expect(geminiProvider.keys.option(1, question)).toBe('1');
    expect(geminiProvider.keys.deny(question)).toBe('\x1b');
  });

  it('a number picks its option wherever the highlight is (0.61: after ↓, "1" trusted the folder)', () => {
    const moved = read('trust-folder-option-2').question!;
    expect(moved).toEqual(read('trust-folder').question);
    expect(geminiProvider.keys.option(1, moved)).toBe('1');
  });
});

describe('detectGeminiScreen on its other forms (hand-written screens, fixtures/README.md)', () => {
  it('"Waiting for user confirmation..." with the dialog out of sight: a question, Enter allows, Esc cancels', () => {
    const reading = read('waiting-for-confirmation');
    expect(reading).toEqual({
      busy: false,
      question: { text: 'Waiting for user confirmation', options: ['Allow (enter)', 'Cancel (esc)'] },
    });
    expect(geminiProvider.keys.option(1, reading.question!)).toBe('\r');
    expect(geminiProvider.keys.deny(reading.question!)).toBe('\x1b');
  });

  it('"Allow execution?" with unnumbered radio options: arrows from the dot, Enter', () => {
    const question = read('allow-execution-unnumbered').question!;
    expect(question).toEqual({
      text: 'Allow execution?',
      options: ['Yes, allow once', 'Yes, allow always ...', 'No (esc)'],
      detail: '? Shell rm -rf build',
      selected: 1,
    });
    expect(geminiProvider.keys.option(2, question)).toBe('\x1b[B\r');
    expect(geminiProvider.keys.deny(question)).toBe('\x1b');
  });

  it('the same words quoted in its reply above the input box are no question', () => {
    expect(read('not-question-in-reply')).toEqual({ busy: false, question: null });
  });
});
