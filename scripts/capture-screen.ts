#!/usr/bin/env node
/**
 * Records what a real agent CLI shows, the way the engine sees it: spawned in a pty, its output fed to a
 * headless mirror, the visible lines written as a fixture for the detector tests.
 *
 *   node dist/scripts/capture-screen.js --cwd DIR \
 *     --wait-for "trust" --snap fixtures/claude/trust.txt --send '\r' --sleep 2000 --snap ... -- claude --session-id X
 *
 * Steps run in the order given: --wait-for TEXT (bounded by --timeout MS), --sleep MS, --send KEYS
 * (\r, \x1b and \n are understood), --snap FILE. The process is killed at the end.
 */
import * as pty from 'node-pty';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { agentEnv } from '../electron/engine/agents/agent-env.js';
import { TerminalScreen } from '../electron/engine/output/terminal-screen.js';

type Step = { kind: 'wait-for' | 'sleep' | 'send' | 'snap'; value: string };

function unescape(keys: string): string {
  return keys.replace(/\\r/g, '\r').replace(/\\n/g, '\n').replace(/\\x1b/g, '\x1b').replace(/\\t/g, '\t');
}

function parse(argv: string[]): { cwd: string; cols: number; rows: number; timeoutMs: number; steps: Step[]; command: string[] } {
  const split = argv.indexOf('--');
  if (split < 0 || split === argv.length - 1) throw new Error('usage: capture-screen [steps] -- COMMAND [ARGS]');
  const options = { cwd: process.cwd(), cols: 120, rows: 32, timeoutMs: 30_000, steps: [] as Step[], command: argv.slice(split + 1) };
  for (let i = 0; i < split; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--cwd') options.cwd = value;
    else if (flag === '--cols') options.cols = Number(value);
    else if (flag === '--rows') options.rows = Number(value);
    else if (flag === '--timeout') options.timeoutMs = Number(value);
    else if (flag === '--wait-for' || flag === '--sleep' || flag === '--send' || flag === '--snap') {
      options.steps.push({ kind: flag.slice(2) as Step['kind'], value });
    } else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const [file, ...args] = options.command;
  const mirror = new TerminalScreen(options.cols, options.rows);
  const term = pty.spawn(file!, args, {
    name: 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: agentEnv(process.env, 'capture') as Record<string, string>,
  });
  let exited = false;
  term.onData((data) => void mirror.write(data));
  term.onExit(({ exitCode }) => {
    exited = true;
    process.stderr.write(`[exited ${exitCode}]\n`);
  });
  const screen = async () => {
    await mirror.flushed();
    return mirror.lines();
  };
  for (const step of options.steps) {
    if (step.kind === 'sleep') await new Promise((r) => setTimeout(r, Number(step.value)));
    else if (step.kind === 'send') term.write(unescape(step.value));
    else if (step.kind === 'snap') {
      const lines = await screen();
      mkdirSync(path.dirname(path.resolve(step.value)), { recursive: true });
      writeFileSync(step.value, `${lines.join('\n')}\n`);
      process.stderr.write(`[snap ${step.value}: ${lines.length} lines]\n`);
    } else {
      const deadline = Date.now() + options.timeoutMs;
      while (!(await screen()).join('\n').includes(step.value)) {
        if (exited || Date.now() > deadline) {
          process.stderr.write(`[gave up waiting for ${JSON.stringify(step.value)}]\n${(await screen()).join('\n')}\n`);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  process.stdout.write(`${(await screen()).join('\n')}\n`);
  if (!exited) {
    try {
      process.kill(-term.pid, 'SIGKILL'); // the whole process group: CLIs start helpers of their own
    } catch {
      term.kill('SIGKILL');
    }
  }
  mirror.dispose();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`capture-screen: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
