import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from './setup-command.js';

describe('parseCommand', () => {
  it('splits words like a shell, without expanding anything', () => {
    expect(parseCommand('npm ci')).toEqual(['npm', 'ci']);
    expect(parseCommand(`  cp 'a b.txt' "c \\"d\\".txt" e\\ f  `)).toEqual(['cp', 'a b.txt', 'c "d".txt', 'e f']);
    expect(parseCommand('echo $HOME ~ *.txt')).toEqual(['echo', '$HOME', '~', '*.txt']);
    expect(parseCommand(`sh -c "npm ci && npm run build"`)).toEqual(['sh', '-c', 'npm ci && npm run build']);
    expect(parseCommand(`printf '%s' "&&"`)).toEqual(['printf', '%s', '&&']);
    expect(parseCommand('')).toEqual([]);
  });

  it('refuses unquoted shell operators and unterminated quotes', () => {
    expect(() => parseCommand('npm ci && npm test')).toThrow(/sh -c/);
    expect(() => parseCommand('make | tee log')).toThrow(/without a shell/);
    expect(() => parseCommand(`echo 'open`)).toThrow(/unterminated/);
  });
});

describe('runCommand', () => {
  it('captures stdout and stderr and the exit code', async () => {
    const outcome = await runCommand(['sh', '-c', 'echo out; echo err >&2; exit 3'], '/tmp', process.env, 5000);
    expect(outcome).toMatchObject({ exitCode: 3, timedOut: false });
    expect(outcome.output).toContain('out\n');
    expect(outcome.output).toContain('err\n');
  });

  it('reports a missing program and stops a command that runs too long, with its children', async () => {
    const missing = await runCommand(['no-such-program-flotilla'], '/tmp', process.env, 5000);
    expect(missing.exitCode).toBeNull();
    expect(missing.output).toMatch(/ENOENT/);
    const started = Date.now();
    const slow = await runCommand(['sh', '-c', 'sleep 30 & sleep 30'], '/tmp', process.env, 200);
    expect(slow.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
