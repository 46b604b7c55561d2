import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Session } from '../../shared/session.js';
import { agentCli } from './agent-clis.js';
import { flotillaOk, screenMatching, startCliHost, stopCliHost } from './cli-host.js';
import {
  startModelServer,
  text,
  toolCall,
  type ModelServer,
  type Reply,
  type Rule,
} from './model-server/model-server.js';
import { responsesApi } from './model-server/responses-stream.js';
import { homeProcesses } from './home-processes.js';
import { killSessionProcesses, sessionProcesses } from './process-probe.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';
import { waitFor } from './wait-for.js';

/**
 * The real Codex CLI (pinned in agent-clis.json) in Flotilla sessions, driven through a real host and the
 * `flotilla` CLI, answering to the scripted model server over the Responses API, so nothing reaches
 * OpenAI. Per test: a temp repo, a throwaway HOME whose ~/.codex/config.toml points Codex at the script
 * (as a user points it at any Responses endpoint), a host; after it, no process of that HOME may be left.
 * FLOTILLA_RECORD_SCREENS=1 re-records the screens in providers/fixtures/codex/ that codex.test.ts reads.
 */
export const codexCli = agentCli('codex');
const RECORD = process.env.FLOTILLA_RECORD_SCREENS === '1';
const FIXTURES = fileURLToPath(new URL('../providers/fixtures/codex', import.meta.url));
const KEY_VAR = 'FLOTILLA_SCRIPTED_KEY';

export interface RealCodex {
  temp: TempRepo;
  home: string;
  host: ChildProcess | undefined;
  server: ModelServer;
  /** Sessions the test created (their processes are checked and killed after it). */
  seen: Set<string>;
  env(): NodeJS.ProcessEnv;
  flotilla(...args: string[]): Promise<string>;
  show(id: string): Promise<Session & { events: { kind: string; detail: string | null }[] }>;
  /** Starts the scripted server with these rules, writes Codex's config for it, starts a host. */
  start(rules: Rule[]): Promise<void>;
  /** A Codex session of the temp repo with this prompt (and extra `flotilla new` flags). */
  newSession(prompt: string, ...flags: string[]): Promise<Session>;
  screenShows(id: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until the session waits on a question whose text matches. */
  questionShown(id: string, pattern: RegExp, timeoutMs?: number): Promise<Session>;
  /** Codex's folder-trust menu, answered by Flotilla after a stray ↓ in the terminal moved the highlight. */
  passFolderTrust(id: string, recordIt?: boolean): Promise<void>;
  /** With FLOTILLA_RECORD_SCREENS=1, writes the screen as fixtures/codex/<name>.txt (temp paths, ids stable). */
  record(name: string, screen: string): void;
  /** Live processes with the test's HOME but the host's own (git): Codex, its commands, any daemon; "pid argv". */
  codexProcesses(): string[];
}

export function useRealCodex(): RealCodex {
  const h = { seen: new Set<string>() } as RealCodex;
  h.env = () => {
    const { CODEX_HOME: _codexHome, OPENAI_API_KEY: _key, ...rest } = process.env;
    return {
      ...rest,
      // Codex keeps its config, folder trust and conversations in ~/.codex.
      HOME: h.home,
      FLOTILLA_HOME: h.temp.dataDir,
      [KEY_VAR]: 'sk-scripted-codex',
      PATH: `${path.dirname(codexCli.bin ?? '')}${path.delimiter}${process.env.PATH ?? ''}`,
    };
  };
  h.flotilla = (...args) => flotillaOk(args, h.env());
  h.show = async (id) => JSON.parse(await h.flotilla('show', id, '--json')) as Awaited<ReturnType<RealCodex['show']>>;

  h.start = async (rules) => {
    h.server = await startModelServer({ rules, apis: { '/v1/responses': responsesApi }, sideReply: text('Task') });
    mkdirSync(path.join(h.home, '.codex'), { recursive: true });
    const config = [
      'model_provider = "scripted"',
      'model = "gpt-5-codex"',
      'check_for_update_on_startup = false',
      '[model_providers.scripted]',
      'name = "scripted"',
      `base_url = "${h.server.url}/v1"`,
      'wire_api = "responses"',
      `env_key = "${KEY_VAR}"`,
    ];
    writeFileSync(path.join(h.home, '.codex', 'config.toml'), `${config.join('\n')}\n`);
    h.host = await startCliHost(h.env());
  };

  h.newSession = async (prompt, ...flags) => {
    const args = ['new', '--repo', h.temp.repo, '--provider', 'codex', '--prompt', prompt, ...flags, '--json'];
    const [created] = JSON.parse(await h.flotilla(...args)) as Session[];
    h.seen.add(created!.id);
    return created!;
  };

  h.screenShows = (id, pattern, timeoutMs) => screenMatching(h.env(), id, pattern, timeoutMs);

  h.questionShown = async (id, pattern, timeoutMs = 60_000) => {
    let last: Session | undefined;
    return waitFor(
      async () => {
        last = await h.show(id);
        return last.status === 'waiting' && last.question && pattern.test(last.question.text) ? last : undefined;
      },
      { timeoutMs, intervalMs: 200, what: `session ${id} to wait on ${pattern}` },
    ).catch(async (error: Error) => {
      const screen = await h.flotilla('screen', id);
      throw new Error(`${error.message}; it is ${last?.status} ${JSON.stringify(last?.question)}\n${screen}`);
    });
  };

  h.passFolderTrust = async (id, recordIt = false) => {
    const session = await h.questionShown(id, /^Trust this folder\?/);
    expect(session.question).toMatchObject({ options: ['Trust and continue', 'Back to Agent Command Center'] });
    const screen = await h.flotilla('screen', id);
    await h.flotilla('send', id, '\x1b[B', '--no-enter');
    const moved = await h.screenShows(id, /› 2\. Back/);
    if (recordIt) {
      h.record('trust-folder', screen);
      h.record('trust-folder-option-2', moved);
    }
    await h.flotilla('approve', id);
  };

  h.record = (name, screen) => {
    if (!RECORD) return;
    let stable = screen.split(h.temp.dir).join('/tmp/rec');
    for (const id of h.seen) stable = stable.split(id).join('5e55104d');
    writeFileSync(path.join(FIXTURES, `${name}.txt`), stable);
  };

  h.codexProcesses = () => homeProcesses(h.home, h.host?.pid);

  beforeEach(() => {
    if (!codexCli.bin) return;
    h.temp = createTempRepo();
    h.home = path.join(h.temp.dir, 'home');
    mkdirSync(h.home);
    h.seen.clear();
  });

  afterEach(async () => {
    if (!codexCli.bin) return;
    await stopCliHost(h.host);
    h.host = undefined;
    const leaked = [...sessionProcesses(h.seen).map((p) => `${p.pid}`), ...h.codexProcesses()];
    killSessionProcesses(h.seen);
    for (const line of h.codexProcesses()) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    await h.server?.close();
    await h.temp.cleanup();
    expect(leaked, 'Codex processes left behind').toEqual([]);
  });

  return h;
}

/**
 * Codex's exec_command asking to run outside its sandbox: what brings up its approval overlay ("Would you
 * like to run the following command?"), with `justification` as the model's reason under it.
 */
export function escalatedCommand(cmd: string, justification: string): Reply {
  return toolCall('exec_command', { cmd, sandbox_permissions: 'require_escalated', justification });
}
