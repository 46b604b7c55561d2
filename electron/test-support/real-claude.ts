import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { agentCli } from './agent-clis.js';
import { flotillaOk, processExited, screenMatching, startCliHost, stopCliHost } from './cli-host.js';
import {
  startModelServer,
  text,
  toolCall,
  type ModelServer,
  type RecordedRequest,
  type Rule,
} from './model-server/model-server.js';
import { killSessionProcesses, sessionProcesses } from './process-probe.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';

/**
 * The real Claude Code (the version pinned in test-support/agent-clis.json, installed by
 * scripts/install-agent-clis.mjs) in Flotilla sessions, end to end through a real host and the `flotilla`
 * CLI, against the scripted model server: it never reaches Anthropic. Per test: a temp repo, a throwaway
 * HOME whose .claude.json has onboarding done and the key approved, a scripted model, a host; after it, no
 * agent process may be left. FLOTILLA_RECORD_SCREENS=1 re-records the screens in providers/fixtures/claude/.
 */
export const claudeCli = agentCli('claude');
// A key of at most 20 characters: Claude Code remembers approved keys by their last 20.
const KEY = 'sk-ant-flotilla-test';
const FIXTURES = fileURLToPath(new URL('../providers/fixtures/claude/', import.meta.url));

export interface RealClaude {
  temp: TempRepo;
  home: string;
  model: ModelServer;
  /** Sessions the test created (their processes are checked and killed after it). */
  seen: Set<string>;
  env(): NodeJS.ProcessEnv;
  flotilla(...args: string[]): Promise<string>;
  show(id: string): Promise<Session>;
  stopHost(): Promise<void>;
  /** Kills the host with SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  killHost(): Promise<void>;
  startHost(): Promise<void>;
  screenShows(id: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** With FLOTILLA_RECORD_SCREENS=1, writes the session's screen to fixtures/claude/<name>.txt. */
  record(id: string, name: string): Promise<void>;
  /** Types `line` into the session and resolves with the model call it leads to (the screen in the error if none). */
  say(id: string, line: string, timeoutMs?: number): Promise<RecordedRequest>;
  waitStatus(id: string, status: string, seconds?: number): Promise<Session>;
  /** A Claude Code session of the temp repo with this prompt (and extra `flotilla new` flags). */
  newSession(prompt: string, ...flags: string[]): Promise<Session>;
  /**
   * Starts a session with `prompt`, scripts the model with `rules` (made knowing the worktree), answers the
   * folder trust check; resolves once the model got the prompt.
   */
  start(prompt: string, rules: (worktree: string) => Rule[]): Promise<Session>;
  /** Kills the session: cancelled, and no process of it left. */
  killAndCheck(id: string): Promise<void>;
}

export function useRealClaude(): RealClaude {
  let host: ChildProcess | undefined;
  const c = { seen: new Set<string>() } as RealClaude;
  c.env = () => {
    // The developer's own Anthropic and Claude settings (CLAUDE_CONFIG_DIR, ANTHROPIC_AUTH_TOKEN) never reach it.
    const own = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ANTHROPIC|CLAUDE)_/.test(name)));
    return {
      ...own,
      HOME: c.home,
      FLOTILLA_HOME: c.temp.dataDir,
      PATH: `${path.dirname(claudeCli.bin ?? '')}${path.delimiter}${process.env.PATH ?? ''}`,
      ANTHROPIC_BASE_URL: c.model.url,
      ANTHROPIC_API_KEY: KEY,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    };
  };
  c.flotilla = (...args) => flotillaOk(args, c.env());
  c.show = async (id) => JSON.parse(await c.flotilla('show', id, '--json')) as Session;
  c.stopHost = async () => {
    await stopCliHost(host);
    host = undefined;
  };
  c.killHost = async () => {
    if (!host || host.exitCode !== null || host.signalCode !== null) return;
    host.kill('SIGKILL');
    await processExited(host);
    host = undefined;
  };
  c.startHost = async () => {
    host = await startCliHost(c.env());
  };
  c.screenShows = (id, pattern, timeoutMs) => screenMatching(c.env(), id, pattern, timeoutMs);
  c.record = async (id, name) => {
    if (process.env.FLOTILLA_RECORD_SCREENS !== '1') return;
    const screen = await c.flotilla('screen', id);
    // The worktree's temp path differs per run: a fixed one keeps the fixtures stable.
    const stable = screen.replace(/\/tmp\/flotilla-test-[^/\s]+/g, '/tmp/flotilla-test');
    writeFileSync(path.join(FIXTURES, `${name}.txt`), stable.endsWith('\n') ? stable : `${stable}\n`);
  };
  c.say = async (id, line, timeoutMs = 30_000) => {
    await c.flotilla('send', id, line, '--raw');
    return c.model
      .waitForRequest((r) => r.toolsOffered && r.lastUserText.includes(line), timeoutMs)
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nscreen:\n${await c.flotilla('screen', id)}`);
      });
  };
  c.waitStatus = async (id, status, seconds = 60) => {
    await c.flotilla('wait', id, '--status', status, '--timeout', String(seconds)).catch(async (error: Error) => {
      throw new Error(`${error.message}\nscreen:\n${await c.flotilla('screen', id)}`);
    });
    return c.show(id);
  };
  c.newSession = async (prompt, ...flags) => {
    const args = ['new', '--repo', c.temp.repo, '--provider', 'claude', '--prompt', prompt, ...flags, '--json'];
    const [created] = JSON.parse(await c.flotilla(...args)) as Session[];
    c.seen.add(created!.id);
    return created!;
  };
  c.start = async (prompt, rules) => {
    const created = await c.newSession(prompt);
    c.model.addRules(...rules(created.worktreePath));
    await c.screenShows(created.id, /Yes, I trust this folder/);
    await c.waitStatus(created.id, 'waiting', 30);
    await c.flotilla('approve', created.id);
    await c.model.waitForRequest((r) => r.toolsOffered && r.lastUserText.includes(prompt), 60_000);
    return created;
  };
  c.killAndCheck = async (id) => {
    await c.flotilla('kill', id);
    expect((await c.show(id)).status).toBe('cancelled');
    expect(sessionProcesses([id])).toEqual([]);
  };

  beforeEach(async () => {
    if (!claudeCli.bin) return;
    c.temp = createTempRepo();
    c.home = path.join(c.temp.dir, 'home');
    mkdirSync(c.home);
    c.seen.clear();
    writeFileSync(
      path.join(c.home, '.claude.json'),
      JSON.stringify({
        hasCompletedOnboarding: true,
        theme: 'dark',
        customApiKeyResponses: { approved: [KEY], rejected: [] },
      }),
    );
    c.model = await startModelServer();
    await c.startHost();
  });

  afterEach(async () => {
    if (!claudeCli.bin) return;
    await c.stopHost();
    const leaked = sessionProcesses(c.seen);
    killSessionProcesses(c.seen);
    await c.model.close();
    await c.temp.cleanup();
    expect(leaked, 'agent processes left behind').toEqual([]);
  });
  return c;
}

/** The Write rules: a tool call creating `name` in the worktree, then a closing text once the result is in. */
export const writeRules =
  (prompt: string, name: string, content: string) =>
  (worktree: string): Rule[] => [
    { when: prompt, reply: toolCall('Write', { file_path: path.join(worktree, name), content }), times: 1 },
    { when: (r) => r.toolResults.some((t) => !t.isError), reply: text(`Done with ${name}.`) },
  ];

/** Never skipped silently: the reason is printed and names the skipped test. */
export function reportSkippedClaude(): void {
  if (claudeCli.bin) return;
  console.warn(`real Claude Code tests skipped: ${claudeCli.missing}`);
  describe('real Claude Code (not installed)', () => {
    it.skip(`skipped: ${claudeCli.missing}`, () => {});
  });
}
