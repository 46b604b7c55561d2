import { open, readdir, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/** What finding a session's transcript needs: known before the CLI writes anything. */
export interface LocateContext {
  sessionId: string;
  providerId: string;
  conversationId: string | null;
  worktreePath: string;
  /** The session's private state folder (the demo agent writes there). */
  stateDir: string;
  /** The environment the agent runs with (its CLAUDE_CONFIG_DIR, CODEX_HOME, HOME). */
  env: NodeJS.ProcessEnv;
  /** How many times this session's file was looked for before (0 the first time). */
  attempt?: number;
}

/** Finds the file a CLI writes a session's conversation to; null while it has not written one (yet). */
export type TranscriptLocator = (ctx: LocateContext) => Promise<string | null>;

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await (await open(file, 'r')).close();
    return true;
  } catch {
    return false;
  }
}

/** Claude Code names a project folder after its cwd with every character but [A-Za-z0-9] as '-'. */
export function claudeProjectDir(cwd: string): string {
  return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

/**
 * Claude Code (2.1.197): `<CLAUDE_CONFIG_DIR or ~/.claude>/projects/<cwd as a name>/<conversation id>.jsonl`,
 * the id being the `--session-id` Flotilla passed. Another project folder is searched too: a conversation
 * imported from elsewhere is kept under the folder it was started in.
 */
export const locateClaudeTranscript: TranscriptLocator = async (ctx) => {
  if (!ctx.conversationId) return null;
  const config = ctx.env.CLAUDE_CONFIG_DIR || path.join(home(ctx.env), '.claude');
  const projects = path.join(config, 'projects');
  const name = `${ctx.conversationId}.jsonl`;
  const direct = path.join(projects, claudeProjectDir(ctx.worktreePath), name);
  if (await exists(direct)) return direct;
  // The other folders (a user may have hundreds) are searched on the first try and every 30 s after.
  if ((ctx.attempt ?? 0) % 15 !== 0) return null;
  for (const project of await listDir(projects)) {
    const file = path.join(projects, project, name);
    if (await exists(file)) return file;
  }
  return null;
};

/** Codex's first line (session_meta) names the cwd it ran in; read once per file. */
const codexCwds = new Map<string, string | null>();

async function codexCwd(file: string): Promise<string | null> {
  if (codexCwds.has(file)) return codexCwds.get(file)!;
  const handle = await open(file, 'r');
  let cwd: string | null = null;
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    if (end < 0) return null; // not written completely yet: ask again later
    const meta = JSON.parse(text.slice(0, end)) as { type?: string; payload?: { cwd?: unknown } };
    cwd = meta.type === 'session_meta' && typeof meta.payload?.cwd === 'string' ? meta.payload.cwd : null;
  } catch {
    cwd = null;
  } finally {
    await handle.close();
  }
  codexCwds.set(file, cwd);
  return cwd;
}

async function resolved(dir: string): Promise<string> {
  return realpath(dir).catch(() => dir);
}

/**
 * Codex (0.171): `<CODEX_HOME or ~/.codex>/sessions/YYYY/MM/DD/rollout-<time>-<conversation id>.jsonl`.
 * With a known conversation id, the newest file ending in it; without one (Codex takes none at start), the
 * newest rollout of the last days whose session_meta cwd is the worktree (each session has a worktree of its own).
 */
export const locateCodexTranscript: TranscriptLocator = async (ctx) => {
  const sessions = path.join(ctx.env.CODEX_HOME || path.join(home(ctx.env), '.codex'), 'sessions');
  const days: string[] = [];
  for (const year of (await listDir(sessions)).sort().slice(-2)) {
    for (const month of (await listDir(path.join(sessions, year))).sort().slice(-2)) {
      for (const day of (await listDir(path.join(sessions, year, month))).sort().slice(-3))
        days.push(path.join(sessions, year, month, day));
    }
  }
  const worktree = await resolved(ctx.worktreePath);
  // Newest day first, newest file first (the name starts with its time).
  for (const dir of days.sort().reverse()) {
    const files = (await listDir(dir))
      .filter((f) => f.startsWith('rollout-') && f.endsWith('.jsonl'))
      .sort()
      .reverse();
    for (const file of files) {
      const full = path.join(dir, file);
      if (ctx.conversationId) {
        if (file.endsWith(`-${ctx.conversationId}.jsonl`)) return full;
        continue;
      }
      const cwd = await codexCwd(full);
      if (cwd && (cwd === ctx.worktreePath || (await resolved(cwd)) === worktree)) return full;
    }
  }
  return null;
};

/** The demo agent writes `demo-events-<conversation id>.jsonl` in the session's state folder. */
export const locateDemoTranscript: TranscriptLocator = async (ctx) => {
  if (!ctx.conversationId) return null;
  const file = path.join(ctx.stateDir, `demo-events-${ctx.conversationId}.jsonl`);
  return (await exists(file)) ? file : null;
};

/** The CLIs whose transcripts Flotilla reads, by provider id. */
export const transcriptLocators: Record<string, TranscriptLocator> = {
  claude: locateClaudeTranscript,
  codex: locateCodexTranscript,
  demo: locateDemoTranscript,
};
