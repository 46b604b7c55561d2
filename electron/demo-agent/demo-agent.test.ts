import * as pty from 'node-pty';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentEnv } from '../engine/agents/agent-env.js';
import { TerminalScreen } from '../engine/output/terminal-screen.js';
import { packageRoot } from '../package-root.js';
import { demoProvider } from '../providers/demo.js';
import { parseDemoArgs } from './demo-args.js';
import { fileNameFor } from './demo-file-name.js';

const AGENT = path.join(packageRoot(), 'dist', 'electron', 'demo-agent', 'demo-agent.js');
const WAIT_MS = 10_000;
const ESC = '\x1b';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const PARTIAL_END = /(?:\x1b(?:\[[0-9;?]*[ -/]*)?|\r+)$/;

interface RunningAgent {
  term: pty.IPty;
  /** Everything printed so far, escape sequences removed and line ends as "\n". */
  text(): string;
  /** Raw bytes printed so far. */
  bytes(): number;
  mirror: TerminalScreen;
  exited: Promise<{ exitCode: number; signal?: number }>;
  hasExited(): boolean;
  /** Waits (bounded) until `needle` appears in the text printed after character `from`; returns the index after it. */
  waitFor(needle: string | RegExp, from?: number): Promise<number>;
}

const running: RunningAgent[] = [];
let cwd: string;
let stateDir: string;

function start(args: string[] = [], options: { busyMs?: number } = {}): RunningAgent {
  const env = agentEnv(process.env, 'demo-agent-test', {
    FLOTILLA_DEMO_BUSY_MS: String(options.busyMs ?? 150),
    FLOTILLA_DEMO_STATE_DIR: stateDir,
  });
  const term = pty.spawn(process.execPath, [AGENT, ...args], {
    name: 'xterm-256color',
    cols: 120,
    rows: 32,
    cwd,
    env: env as Record<string, string>,
  });
  const mirror = new TerminalScreen(120, 32);
  let clean = '';
  let carry = '';
  let byteCount = 0;
  let exited = false;
  const listeners = new Set<() => void>();
  term.onData((data) => {
    byteCount += Buffer.byteLength(data);
    void mirror.write(data);
    // Clean incrementally (a flood is megabytes), holding back a partial escape sequence or "\r" for the next chunk.
    const chunk = carry + data;
    carry = PARTIAL_END.exec(chunk)?.[0] ?? '';
    // The pty's line discipline turns "\r\n" into "\r\r\n"; match on plain "\n".
    clean += chunk
      .slice(0, chunk.length - carry.length)
      .replace(ANSI, '')
      .replace(/\r*\n/g, '\n');
    for (const listener of listeners) listener();
  });
  const exitPromise = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    term.onExit((info) => {
      exited = true;
      resolve(info);
      for (const listener of listeners) listener();
    });
  });
  const text = () => clean;
  const agent: RunningAgent = {
    term,
    text,
    bytes: () => byteCount,
    mirror,
    exited: exitPromise,
    hasExited: () => exited,
    waitFor(needle, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const rest = text().slice(from);
          const index = typeof needle === 'string' ? rest.indexOf(needle) : rest.search(needle);
          if (index >= 0) {
            const length = typeof needle === 'string' ? needle.length : (rest.match(needle)?.[0].length ?? 0);
            done();
            resolve(from + index + length);
          } else if (exited) {
            done();
            reject(new Error(`agent exited before printing ${String(needle)}; output:\n${text().slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${String(needle)}; output:\n${text().slice(-2000)}`));
        }, WAIT_MS);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
  running.push(agent);
  return agent;
}

/** The screen as the engine reads it, once the mirror has parsed everything received so far. */
async function screen(agent: RunningAgent): Promise<string[]> {
  await agent.mirror.flushed();
  return agent.mirror.lines();
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
    }),
  ]);
}

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'flotilla-demo-agent-'));
  stateDir = path.join(cwd, '.state');
});

afterEach(async () => {
  for (const agent of running.splice(0)) {
    if (!agent.hasExited()) {
      agent.term.kill();
      await withTimeout(agent.exited, 'a killed demo agent to exit');
    }
    agent.mirror.dispose();
  }
  await rm(cwd, { recursive: true, force: true });
});

describe('demo agent in a pty', () => {
  it('shows the banner, its cwd and a "> " prompt', async () => {
    const agent = start();
    await agent.waitFor('Flotilla demo agent');
    await agent.waitFor(`cwd: ${cwd}`);
    await agent.waitFor(/\n> $/);
    expect((await screen(agent)).at(-1)).toBe('> ');
  });

  it('works on --prompt: busy line, then asks to create a file with numbered options', async () => {
    const agent = start(['--prompt', 'Add a README']);
    const busyAt = await agent.waitFor('esc to interrupt');
    const questionAt = await agent.waitFor('Do you want to create add-a-readme.txt?', busyAt);
    await agent.waitFor(/1\. Yes\n\s*2\. No/, questionAt);
  });

  it('key "1" writes the file, with the prompt in it, and prints "Done."', async () => {
    const agent = start(['--prompt', 'Add a README']);
    await agent.waitFor('2. No');
    agent.term.write('1');
    const doneAt = await agent.waitFor('Done.');
    await agent.waitFor('> ', doneAt);

    const content = readFileSync(path.join(cwd, 'add-a-readme.txt'), 'utf8');
    expect(content).toContain('Prompt: Add a README');
    expect(agent.text()).toContain('Wrote add-a-readme.txt');
  });

  it('told that validators failed, deletes the files holding BUG without asking (other files stay)', async () => {
    const agent = start(['--prompt', 'add a BUG']);
    await agent.waitFor('2. No');
    agent.term.write('1');
    const wrote = await agent.waitFor('Done.');
    await agent.waitFor('> ', wrote);
    writeFileSync(path.join(cwd, 'keep.txt'), 'fine\n');
    agent.term.write('[message from flotilla] Validators failed: check. Output tail: BUG found in add-a-bug.txt\r');
    const fixed = await agent.waitFor('Fixed the validators: removed add-a-bug.txt');
    await agent.waitFor('> ', fixed);
    expect(agent.text()).not.toContain('Do you want to create validators');
    expect(existsSync(path.join(cwd, 'add-a-bug.txt'))).toBe(false);
    expect(readFileSync(path.join(cwd, 'keep.txt'), 'utf8')).toBe('fine\n');
  });

  it('key "2" writes nothing', async () => {
    const agent = start(['--prompt', 'Add a README']);
    await agent.waitFor('2. No');
    agent.term.write('2');
    const skippedAt = await agent.waitFor('Skipped add-a-readme.txt.');
    await agent.waitFor('> ', skippedAt);

    expect(existsSync(path.join(cwd, 'add-a-readme.txt'))).toBe(false);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.txt'))).toEqual([]);
    expect(agent.text()).not.toContain('Done.');
  });

  it('takes typed input + Enter as a prompt, echoing it and honouring backspace', async () => {
    const agent = start();
    const promptAt = await agent.waitFor('> ');
    agent.term.write('make notxs');
    const typedAt = await agent.waitFor('make notxs', promptAt);
    agent.term.write('\x7f\x7fes');
    await agent.waitFor('es', typedAt);
    expect((await screen(agent)).at(-1)).toBe('> make notes');
    agent.term.write('\r');
    const busyAt = await agent.waitFor('esc to interrupt', promptAt);
    await agent.waitFor('Do you want to create make-notes.txt?', busyAt);
    agent.term.write('y');
    await agent.waitFor('Done.');
    expect(readFileSync(path.join(cwd, 'make-notes.txt'), 'utf8')).toContain('Prompt: make notes');
  });

  it('an empty Enter just shows the prompt again', async () => {
    const agent = start();
    const first = await agent.waitFor('> ');
    agent.term.write('\r');
    await agent.waitFor('> ', first);
    expect(agent.text()).not.toContain('esc to interrupt');
  });

  it('"flood 1" prints at least 1 MiB, then returns to the prompt', async () => {
    const agent = start();
    await agent.waitFor('> ');
    const before = agent.bytes();
    agent.term.write('flood 1\r');
    const doneAt = await agent.waitFor('Flood done.');
    expect(agent.bytes() - before).toBeGreaterThanOrEqual(1024 * 1024);
    // 1 MiB ends mid-line; the closing message still gets a line of its own.
    expect(agent.text()).toMatch(/(^|\n)Flood done\./);
    await agent.waitFor('> ', doneAt);
    // Back in input mode: a typed prompt works.
    agent.term.write('after flood\r');
    await agent.waitFor('Do you want to create after-flood.txt?', doneAt);
  });

  it('Esc during the busy line interrupts: "Interrupted.", no question, and a prompt', async () => {
    const agent = start(['--prompt', 'long task'], { busyMs: 60_000 });
    await agent.waitFor('esc to interrupt');
    agent.term.write(ESC);
    const interruptedAt = await agent.waitFor('Interrupted.');
    await agent.waitFor('> ', interruptedAt);
    expect(agent.text()).not.toContain('Do you want to create');
  });

  it('after an interrupt, the next prompt gets its own question, not the interrupted one', async () => {
    // Long enough that the first prompt's timer is still pending when the second prompt starts.
    const agent = start(['--prompt', 'first task'], { busyMs: 1500 });
    await agent.waitFor('esc to interrupt');
    agent.term.write(ESC);
    const interruptedAt = await agent.waitFor('Interrupted.');
    await agent.waitFor('> ', interruptedAt);
    agent.term.write('second task\r');

    const questionAt = await agent.waitFor(/Do you want to create [\w-]+\.txt\?/, interruptedAt);
    const asked = agent.text().slice(interruptedAt, questionAt);
    expect(asked).toContain('second-task.txt');
    expect(agent.text()).not.toContain('first-task.txt');
  });

  it('Ctrl-C interrupts a flood', async () => {
    const agent = start();
    await agent.waitFor('> ');
    agent.term.write('flood 500\r');
    await agent.waitFor('flotilla demo flood');
    agent.term.write('\x03');
    const interruptedAt = await agent.waitFor('Interrupted.');
    await agent.waitFor('> ', interruptedAt);
    expect(agent.text()).not.toContain('Flood done.');
  });

  it('"exit" exits with code 0', async () => {
    const agent = start();
    await agent.waitFor('> ');
    agent.term.write('exit\r');
    expect((await withTimeout(agent.exited, 'exit')).exitCode).toBe(0);
  });

  it('"crash" exits with code 1 after saying so', async () => {
    const agent = start(['--prompt', 'crash']);
    const exit = await withTimeout(agent.exited, 'crash');
    expect(exit.exitCode).toBe(1);
    expect(agent.text()).toContain('Something went badly wrong (demo crash).');
  });

  it('Ctrl-C twice on an empty prompt exits with code 130', async () => {
    const agent = start();
    await agent.waitFor('> ');
    agent.term.write('\x03');
    await agent.waitFor('(press Ctrl-C again to exit)');
    agent.term.write('\x03');
    expect((await withTimeout(agent.exited, 'second Ctrl-C')).exitCode).toBe(130);
  });

  it('an unknown argument exits with code 2 and names it', async () => {
    const agent = start(['--bogus', 'x']);
    expect((await withTimeout(agent.exited, 'argument error')).exitCode).toBe(2);
    expect(agent.text()).toContain('demo agent: unknown argument --bogus');
  });

  it('--resume X continues the transcript that --session-id X started', async () => {
    const first = start(['--session-id', 'conv-42', '--prompt', 'alpha']);
    await first.waitFor('Conversation conv-42');
    await first.waitFor('2. No');
    first.term.write('1');
    const doneAt = await first.waitFor('Done.');
    await first.waitFor('> ', doneAt);
    first.term.write('beta\r');
    await first.waitFor('Do you want to create beta.txt?');
    first.term.kill();
    await withTimeout(first.exited, 'the first agent to be killed');

    const second = start(['--resume', 'conv-42']);
    await second.waitFor('Resumed conversation conv-42 (2 earlier prompts)');
    const promptAt = await second.waitFor('> ');
    second.term.write('gamma\r');
    await second.waitFor('Do you want to create gamma.txt?', promptAt);
    second.term.kill();
    await withTimeout(second.exited, 'the second agent to be killed');

    const third = start(['--resume', 'conv-42']);
    await third.waitFor('Resumed conversation conv-42 (3 earlier prompts)');
  });

  it('--resume of an unknown conversation starts with no earlier prompts', async () => {
    const agent = start(['--resume', 'never-seen']);
    await agent.waitFor('Resumed conversation never-seen (0 earlier prompts)');
  });
});

describe('demo provider reading the real demo agent screen', () => {
  it('sees busy, then the question, then neither once it is approved', async () => {
    const agent = start(['--prompt', 'Add a README'], { busyMs: 400 });
    await agent.waitFor('esc to interrupt');
    expect(demoProvider.readScreen(await screen(agent))).toEqual({ busy: true, question: null });

    await agent.waitFor('2. No');
    expect(demoProvider.readScreen(await screen(agent))).toEqual({
      busy: false,
      question: { text: 'Do you want to create add-a-readme.txt?', options: ['Yes', 'No'] },
    });

    agent.term.write(demoProvider.keys.option(1, { text: '', options: ['Yes', 'No'] }));
    await agent.waitFor(/Done\.\n> $/);
    expect(demoProvider.readScreen(await screen(agent))).toEqual({ busy: false, question: null });
  });

  it('sees no question once it is denied', async () => {
    const agent = start(['--prompt', 'Add a README']);
    await agent.waitFor('2. No');
    agent.term.write(demoProvider.keys.deny({ text: '', options: ['Yes', 'No'] })!);
    await agent.waitFor(/Skipped add-a-readme\.txt\.\n> $/);
    expect(demoProvider.readScreen(await screen(agent))).toEqual({ busy: false, question: null });
  });

  it('sees not busy once the work is interrupted', async () => {
    const agent = start(['--prompt', 'long task'], { busyMs: 60_000 });
    await agent.waitFor('esc to interrupt');
    agent.term.write(ESC);
    await agent.waitFor(/Interrupted\.\n> $/);
    expect(demoProvider.readScreen(await screen(agent))).toEqual({ busy: false, question: null });
  });
});

describe('fileNameFor', () => {
  it('slugs the prompt into a .txt name', () => {
    expect(fileNameFor('Add a README')).toBe('add-a-readme.txt');
    expect(fileNameFor('  fix: the "bug" #12!  ')).toBe('fix-the-bug-12.txt');
  });

  it('keeps names short, without a trailing dash', () => {
    const name = fileNameFor(`${'a'.repeat(39)} b ${'c'.repeat(30)}`);
    expect(name).toBe(`${'a'.repeat(39)}.txt`);
    expect(fileNameFor('x'.repeat(100))).toBe(`${'x'.repeat(40)}.txt`);
  });

  it('never escapes the working folder or names a hidden file', () => {
    for (const prompt of ['../../etc/passwd', '/abs/path', '.hidden', 'a/b\\c']) {
      const name = fileNameFor(prompt);
      expect(name).toMatch(/^[a-z0-9][a-z0-9-]*\.txt$/);
    }
  });

  it('falls back to note.txt when nothing usable is left', () => {
    expect(fileNameFor('')).toBe('note.txt');
    expect(fileNameFor('!!!')).toBe('note.txt');
  });
});

describe('parseDemoArgs', () => {
  it('reads flags and the environment', () => {
    expect(
      parseDemoArgs(['--prompt', 'p', '--session-id', 's', '--state-dir', '/d'], { FLOTILLA_DEMO_BUSY_MS: '150' }),
    ).toEqual({ prompt: 'p', sessionId: 's', stateDir: '/d', busyMs: 150 });
    expect(parseDemoArgs(['--resume', 'r'], { FLOTILLA_DEMO_STATE_DIR: '/env' })).toEqual({
      resumeId: 'r',
      stateDir: '/env',
      busyMs: 1500,
    });
  });

  it('falls back to the default busy time for a bad value', () => {
    expect(parseDemoArgs([], { FLOTILLA_DEMO_BUSY_MS: 'soon' }).busyMs).toBe(1500);
    expect(parseDemoArgs([], { FLOTILLA_DEMO_BUSY_MS: '-5' }).busyMs).toBe(1500);
    expect(parseDemoArgs([], { FLOTILLA_DEMO_BUSY_MS: '0' }).busyMs).toBe(0);
  });

  it('refuses unknown flags and flags without a value', () => {
    expect(() => parseDemoArgs(['--nope', 'x'], {})).toThrow('unknown argument --nope');
    expect(() => parseDemoArgs(['--prompt'], {})).toThrow('--prompt needs a value');
  });
});
