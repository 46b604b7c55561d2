#!/usr/bin/env node
/**
 * A scripted terminal agent for tests, benchmarks and first-run demos. It behaves like a coding agent's
 * TUI: a banner, an input prompt, a busy line with "esc to interrupt", a permission question with numbered
 * options, and a transcript that `--resume <id>` restores. A prompt `run <command>` asks to run the command
 * (Yes / Yes, and don't ask again / No) and only pretends to: nothing is ever executed. `needs sign-in` shows a
 * sign-in notice as a CLI without an account would; `/login` clears it. A message saying validators failed
 * makes it "fix" them: it deletes the files it can see holding the marker BUG (see demo-fix.ts), without asking.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDemoArgs, type DemoOptions } from './demo-args.js';
import { DemoEvents } from './demo-events.js';
import { asksToFixValidators, removeMarkedFiles } from './demo-fix.js';
import { fileNameFor } from './demo-file-name.js';
import { FLOOD_LINE } from './flood-line.js';
import { SIGN_IN_LINE } from './sign-in-line.js';

const ESC = '\x1b';
const CTRL_C = '\x03';
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const PROMPT = `${ESC}[1;36m>${ESC}[0m `;
/** The tool result Claude Code writes when the user says no (read as a denied call). */
const REFUSED = "The user doesn't want to proceed with this tool use. The tool use was rejected.";

type Mode = 'input' | 'busy' | 'question' | 'flood';

interface Transcript {
  prompts: string[];
}

class DemoAgent {
  private mode: Mode = 'input';
  private line = '';
  private pendingFile = '';
  private pendingPrompt = '';
  /** Set while the question on screen is about running a command. */
  private pendingCommand: string | undefined;
  private readonly trustedCommands = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private busyTimer: NodeJS.Timeout | undefined;
  private interruptedAt = 0;
  private transcript: Transcript = { prompts: [] };
  /** The conversation as Flotilla reads it (tool calls and their results); `pendingCall` is the one asked about. */
  private readonly events: DemoEvents;
  private pendingCall: string | undefined;

  constructor(private readonly options: DemoOptions) {
    this.events = DemoEvents.in(options.stateDir, options.resumeId ?? options.sessionId);
  }

  start(): void {
    const out = process.stdout;
    out.write(`${ESC}[1mFlotilla demo agent${ESC}[0m — a scripted stand-in for a coding agent\r\n`);
    out.write(`cwd: ${process.cwd()}\r\n`);
    if (this.options.resumeId) {
      this.transcript = this.loadTranscript(this.options.resumeId);
      out.write(
        `Resumed conversation ${this.options.resumeId} (${this.transcript.prompts.length} earlier prompts)\r\n`,
      );
    } else if (this.options.sessionId) {
      out.write(`Conversation ${this.options.sessionId}\r\n`);
    }
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => this.onInput(chunk));
    process.stdin.on('end', () => process.exit(0));
    if (this.options.prompt) this.submit(this.options.prompt);
    else this.showPrompt();
  }

  private onInput(chunk: string): void {
    for (const key of chunk) this.onKey(key);
  }

  private onKey(key: string): void {
    if (this.mode === 'busy' || this.mode === 'flood') {
      if (key === ESC || key === CTRL_C) this.interrupt();
      return;
    }
    if (this.mode === 'question') {
      const asksToRun = this.pendingCommand !== undefined;
      if (key === '1' || key === 'y' || key === 'Y' || key === '\r') this.answer(true);
      else if (asksToRun && key === '2') this.answer(true, true);
      else if (key === (asksToRun ? '3' : '2') || key === 'n' || key === 'N' || key === ESC) this.answer(false);
      return;
    }
    if (key === CTRL_C) {
      if (this.line === '' && Date.now() - this.interruptedAt < 2000) this.exit(130);
      this.interruptedAt = Date.now();
      this.line = '';
      process.stdout.write(`\r\n(press Ctrl-C again to exit)\r\n`);
      this.showPrompt();
    } else if (key === '\r' || key === '\n') {
      const text = this.line.trim();
      this.line = '';
      process.stdout.write('\r\n');
      if (text) this.submit(text);
      else this.showPrompt();
    } else if (key === '\x7f' || key === '\b') {
      if (this.line.length > 0) {
        this.line = this.line.slice(0, -1);
        process.stdout.write('\b \b');
      }
    } else if (key >= ' ' && key !== '\x7f') {
      this.line += key;
      process.stdout.write(key);
    }
  }

  private showPrompt(): void {
    this.mode = 'input';
    process.stdout.write(PROMPT);
  }

  private submit(prompt: string): void {
    this.transcript.prompts.push(prompt);
    this.saveTranscript();
    this.events.userText(prompt);
    if (prompt === 'exit') this.exit(0);
    if (prompt === 'crash') {
      process.stdout.write('Something went badly wrong (demo crash).\r\n');
      this.exit(1);
    }
    if (prompt === 'needs sign-in' || prompt === '/login') {
      // A stand-in for a CLI without an account ("Not logged in · Run /login"); /login "signs in".
      process.stdout.write(prompt === '/login' ? 'Signed in.\r\n' : `${SIGN_IN_LINE}\r\n`);
      this.showPrompt();
      return;
    }
    const flood = /^flood\s+(\d+(?:\.\d+)?)$/.exec(prompt);
    if (flood) {
      this.flood(Number(flood[1]) * 1024 * 1024);
      return;
    }
    this.work(prompt);
  }

  private work(prompt: string): void {
    this.mode = 'busy';
    const started = Date.now();
    let frame = 0;
    const draw = () => {
      const spin = SPINNER[frame++ % SPINNER.length] ?? '*';
      const seconds = Math.floor((Date.now() - started) / 1000);
      process.stdout.write(`\r${ESC}[2K${spin} Working on it… (${seconds}s · esc to interrupt)`);
    };
    draw();
    this.timer = setInterval(draw, 100);
    this.busyTimer = setTimeout(() => {
      if (this.mode !== 'busy') return;
      clearInterval(this.timer);
      process.stdout.write(`\r${ESC}[2K`);
      this.ask(prompt);
    }, this.options.busyMs);
  }

  private ask(prompt: string): void {
    if (asksToFixValidators(prompt)) {
      this.fixValidators();
      return;
    }
    const run = /^run\s+(.+)$/s.exec(prompt);
    if (run) {
      this.askToRun(run[1]!.trim());
      return;
    }
    this.mode = 'question';
    this.pendingCommand = undefined;
    this.pendingPrompt = prompt;
    this.pendingFile = fileNameFor(prompt);
    const content = `Created by the Flotilla demo agent.\nPrompt: ${prompt}\n`;
    this.pendingCall = this.events.assistant(`I'll create ${this.pendingFile}.`, {
      name: 'Write',
      input: { file_path: path.join(process.cwd(), this.pendingFile), content },
    });
    process.stdout.write(`Do you want to create ${this.pendingFile}?\r\n${ESC}[1m❯ 1. Yes${ESC}[0m\r\n  2. No\r\n`);
  }

  private askToRun(command: string): void {
    this.pendingCommand = command;
    this.pendingCall = this.events.assistant(`I'll run \`${command}\`.`, { name: 'Bash', input: { command } });
    if (this.trustedCommands.has(command)) {
      this.answer(true);
      return;
    }
    this.mode = 'question';
    process.stdout.write(
      `Do you want to run \`${command}\`?\r\n${ESC}[1m❯ 1. Yes${ESC}[0m\r\n  2. Yes, and don't ask again for this command\r\n  3. No\r\n`,
    );
  }

  private answer(yes: boolean, always = false): void {
    const command = this.pendingCommand;
    const call = this.pendingCall;
    this.pendingCall = undefined;
    if (call) this.events.toolResult(call, yes ? 'Done (pretend).' : REFUSED, !yes, this.fileResult(yes, command));
    if (command !== undefined) {
      this.pendingCommand = undefined;
      if (always) this.trustedCommands.add(command);
      process.stdout.write(
        yes ? `Ran \`${command}\` (pretend: the demo runs nothing)\r\nDone.\r\n` : `Skipped \`${command}\`.\r\n`,
      );
      this.showPrompt();
      return;
    }
    if (yes) {
      this.events.assistant(`Wrote ${this.pendingFile}.`);
      writeFileSync(
        path.join(process.cwd(), this.pendingFile),
        `Created by the Flotilla demo agent.\nPrompt: ${this.pendingPrompt}\n`,
      );
      process.stdout.write(`Wrote ${this.pendingFile}\r\nDone.\r\n`);
    } else {
      process.stdout.write(`Skipped ${this.pendingFile}.\r\n`);
    }
    this.showPrompt();
  }

  private fixValidators(): void {
    const removed = removeMarkedFiles(process.cwd());
    this.events.assistant(removed.length > 0 ? `Removed ${removed.join(', ')}.` : 'Nothing to fix.');
    const names = removed.length > 0 ? removed.join(', ') : 'nothing';
    process.stdout.write(`Fixed the validators: removed ${names}\r\nDone.\r\n`);
    this.showPrompt();
  }

  /** What Claude Code records of a Write that went through: created or updated, and the file. */
  private fileResult(yes: boolean, command: string | undefined): Record<string, unknown> | undefined {
    if (!yes || command !== undefined) return undefined;
    const filePath = path.join(process.cwd(), this.pendingFile);
    return { type: existsSync(filePath) ? 'update' : 'create', filePath };
  }

  private interrupt(): void {
    clearInterval(this.timer);
    // Otherwise a prompt submitted within busyMs would be answered by this one's question.
    clearTimeout(this.busyTimer);
    this.mode = 'input';
    // Replace the busy line, as agents do, so "esc to interrupt" no longer reads as busy.
    process.stdout.write(`\r${ESC}[2KInterrupted.\r\n`);
    this.showPrompt();
  }

  /** Writes in small slices and yields between them, so Ctrl-C / Esc are read while flooding. */
  private flood(bytes: number): void {
    this.mode = 'flood';
    const slice = FLOOD_LINE.repeat(Math.ceil(16384 / FLOOD_LINE.length));
    let left = bytes;
    let endsLine = true;
    const pump = () => {
      if (this.mode !== 'flood') return;
      if (left <= 0) {
        // The byte count can end mid-line; the closing message starts on a line of its own.
        process.stdout.write(`${endsLine ? '' : '\r\n'}Flood done.\r\n`);
        this.showPrompt();
        return;
      }
      const piece = slice.slice(0, Math.min(left, slice.length));
      left -= piece.length;
      endsLine = piece.endsWith('\n');
      if (process.stdout.write(piece)) setImmediate(pump);
      else process.stdout.once('drain', pump);
    };
    pump();
  }

  private transcriptFile(id: string): string | undefined {
    return this.options.stateDir ? path.join(this.options.stateDir, `demo-transcript-${id}.json`) : undefined;
  }

  private loadTranscript(id: string): Transcript {
    const file = this.transcriptFile(id);
    if (!file) return { prompts: [] };
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Transcript>;
      return { prompts: Array.isArray(parsed.prompts) ? parsed.prompts.map(String) : [] };
    } catch {
      return { prompts: [] };
    }
  }

  private saveTranscript(): void {
    const id = this.options.resumeId ?? this.options.sessionId;
    const file = id ? this.transcriptFile(id) : undefined;
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(this.transcript));
  }

  private exit(code: number): never {
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.exit(code);
  }
}

try {
  new DemoAgent(parseDemoArgs(process.argv.slice(2), process.env)).start();
} catch (error) {
  process.stderr.write(`demo agent: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
