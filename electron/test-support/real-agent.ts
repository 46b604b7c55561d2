import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Session } from '../../shared/session.js';
import type { AgentCli } from './agent-clis.js';
import { flotillaOk, screenMatching, startCliHost, stopCliHost } from './cli-host.js';
import {
  startModelServer,
  type ApiHandler,
  type ModelServer,
  type Reply,
  type Rule,
} from './model-server/model-server.js';
import { homeProcesses } from './home-processes.js';
import { killSessionProcesses, sessionProcesses } from './process-probe.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';
import { waitFor } from './wait-for.js';

/** What differs between the agent CLIs run against the scripted model (Gemini CLI, opencode). */
export interface AgentSetup {
  /** The provider id given to `flotilla new --provider`. */
  provider: string;
  cli: AgentCli;
  /** providers/fixtures/<provider>/ as a path, where FLOTILLA_RECORD_SCREENS=1 writes screens. */
  fixtures: string;
  apis: Record<string, ApiHandler>;
  sideReply?: Reply;
  /** The developer's own variables for this CLI (keys, base URLs, config dirs) that must not reach it. */
  dropEnv: RegExp;
  /** Writes the CLI's own config into the throwaway HOME; returns the variables that point it at the server. */
  configure(home: string, server: ModelServer): Record<string, string>;
}

export interface RealAgent {
  temp: TempRepo;
  home: string;
  host: ChildProcess | undefined;
  server: ModelServer;
  /** Sessions the test created (their processes are checked and killed after it). */
  seen: Set<string>;
  env(): NodeJS.ProcessEnv;
  flotilla(...args: string[]): Promise<string>;
  show(id: string): Promise<Session>;
  /** Starts the scripted server with these rules, writes the CLI's config for it, starts a host. */
  start(rules: Rule[]): Promise<void>;
  newSession(prompt: string, ...flags: string[]): Promise<Session>;
  screenShows(id: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until the session waits on a question whose text matches; the screen in the error if not. */
  questionShown(id: string, pattern: RegExp, timeoutMs?: number): Promise<Session>;
  /** With FLOTILLA_RECORD_SCREENS=1, writes the screen as fixtures/<provider>/<name>.txt (temp paths, ids stable). */
  record(name: string, screen: string): void;
  /** Live processes with the test's HOME, but not the host's own helpers: "pid argv". */
  agentProcesses(): string[];
}

const RECORD = process.env.FLOTILLA_RECORD_SCREENS === '1';

/**
 * A real agent CLI in Flotilla sessions, driven through a real host and the `flotilla` CLI, answering to the
 * scripted model server, so nothing leaves the machine. Per test: a temp repo, a throwaway HOME holding the
 * CLI's config, a host; after it, no process of that HOME may be left.
 */
export function useRealAgent(setup: AgentSetup): RealAgent {
  const h = { seen: new Set<string>() } as RealAgent;
  let pointers: Record<string, string> = {};
  h.env = () => {
    const own = Object.entries(process.env).filter(([name]) => !setup.dropEnv.test(name));
    return {
      ...Object.fromEntries(own),
      HOME: h.home,
      XDG_CONFIG_HOME: path.join(h.home, '.config'),
      XDG_DATA_HOME: path.join(h.home, '.local', 'share'),
      XDG_CACHE_HOME: path.join(h.home, '.cache'),
      XDG_STATE_HOME: path.join(h.home, '.local', 'state'),
      FLOTILLA_HOME: h.temp.dataDir,
      PATH: `${path.dirname(setup.cli.bin ?? '')}${path.delimiter}${process.env.PATH ?? ''}`,
      ...pointers,
    };
  };
  h.flotilla = (...args) => flotillaOk(args, h.env());
  h.show = async (id) => JSON.parse(await h.flotilla('show', id, '--json')) as Session;

  h.start = async (rules) => {
    h.server = await startModelServer({
      rules,
      apis: setup.apis,
      ...(setup.sideReply ? { sideReply: setup.sideReply } : {}),
    });
    pointers = setup.configure(h.home, h.server);
    h.host = await startCliHost(h.env());
  };

  h.newSession = async (prompt, ...flags) => {
    const args = ['new', '--repo', h.temp.repo, '--provider', setup.provider, '--prompt', prompt, ...flags, '--json'];
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
      { timeoutMs, intervalMs: 100, what: `session ${id} to wait on ${pattern}` },
    ).catch(async (error: Error) => {
      const screen = await h.flotilla('screen', id);
      throw new Error(`${error.message}; it is ${last?.status} ${JSON.stringify(last?.question)}\n${screen}`);
    });
  };

  h.record = (name, screen) => {
    if (!RECORD) return;
    let stable = screen.split(h.temp.dir).join('/tmp/rec');
    for (const id of h.seen) stable = stable.split(id).join('5e55104d');
    writeFileSync(path.join(setup.fixtures, `${name}.txt`), stable);
  };

  h.agentProcesses = () => homeProcesses(h.home, h.host?.pid);

  beforeEach(() => {
    if (!setup.cli.bin) return;
    h.temp = createTempRepo();
    h.home = path.join(h.temp.dir, 'home');
    mkdirSync(h.home);
    pointers = {};
    h.seen.clear();
  });

  afterEach(async () => {
    if (!setup.cli.bin) return;
    await stopCliHost(h.host);
    h.host = undefined;
    const leaked = [...sessionProcesses(h.seen).map((p) => `${p.pid}`), ...h.agentProcesses()];
    killSessionProcesses(h.seen);
    for (const line of h.agentProcesses()) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    await h.server?.close();
    await h.temp.cleanup();
    expect(leaked, `${setup.provider} processes left behind`).toEqual([]);
  });

  return h;
}
