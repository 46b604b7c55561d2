import { spawn } from 'node:child_process';
import { FlotillaError } from '../../../shared/errors.js';

const SHELL_OPERATORS = new Set(['&&', '||', '|', ';', '&', '>', '>>', '<', '2>', '2>&1']);
const OUTPUT_CAP = 64 * 1024;

/**
 * Splits a setup command into argv the way a shell splits words (spaces; '…' literal; "…" with \" \\ \$ \`
 * escapes; \x outside quotes), without expanding anything or running a shell. Unquoted shell operators
 * are refused with a hint, since they would silently become arguments.
 */
export function parseCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let quote: "'" | '"' | null = null;
  const operators: string[] = [];
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) word += command[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      quoted = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
      quoted = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      if (inWord && !quoted && SHELL_OPERATORS.has(word)) operators.push(word);
      word = '';
      inWord = false;
      quoted = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new FlotillaError('VALIDATION', `setup command has an unterminated ${quote} quote`);
  if (inWord) {
    words.push(word);
    if (!quoted && SHELL_OPERATORS.has(word)) operators.push(word);
  }
  if (operators.length > 0) {
    throw new FlotillaError(
      'VALIDATION',
      `setup command is run without a shell, so "${operators[0]}" would be passed as an argument; ` +
        `write sh -c "…" to use a shell`,
    );
  }
  return words;
}

export interface SetupOutcome {
  argv: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Combined stdout and stderr (the last 64 KiB). */
  output: string;
  timedOut: boolean;
}

/** Runs argv in `cwd` (its own process group, so a timeout stops everything it started). */
export function runCommand(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<SetupOutcome> {
  const [file, ...args] = argv;
  if (!file) return Promise.resolve({ argv, exitCode: 0, signal: null, output: '', timedOut: false });
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const append = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_CAP);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 2000).unref();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ argv, exitCode: null, signal: null, output: `${output}${error.message}\n`, timedOut });
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ argv, exitCode, signal, output, timedOut });
    });
  });
}
