import { lstat, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { HookWiring, Launch, LaunchContext, ProviderHooks } from './provider.js';

/**
 * Gemini CLI 0.61's hook events Flotilla listens to, each run as the engine's event of the same meaning:
 * BeforeAgent (prompt submitted), BeforeTool / AfterTool, Notification (fired, and awaited, just before a
 * tool's confirmation is drawn; 0.61 has no other notification type) and AfterAgent (the turn is over: it
 * is skipped while tool calls are pending). SessionEnd (no engine equivalent), BeforeModel / AfterModel (the
 * latter per streamed chunk), BeforeToolSelection and PreCompress are left out.
 */
export const GEMINI_HOOK_EVENTS = {
  SessionStart: 'SessionStart',
  BeforeAgent: 'UserPromptSubmit',
  BeforeTool: 'PreToolUse',
  Notification: 'PermissionRequest',
  AfterTool: 'PostToolUse',
  AfterAgent: 'Stop',
} as const;
const MATCHERS: Record<string, string> = { BeforeTool: '*', AfterTool: '*', Notification: 'ToolPermission' };
/** Milliseconds Gemini gives a hook (it waits for each); the client itself gives up after 2 s. */
const HOOK_TIMEOUT_MS = 5000;
/**
 * Gemini runs hooks with a sanitized env (names with TOKEN dropped when redaction is on; all but a few with
 * GITHUB_SHA set), then adds the hook's own `env`. Its settings loader expands `$NAME` from Gemini's full env,
 * so the credential reaches the hook without being written to disk or put on a command line.
 */
const HOOK_ENV = Object.fromEntries(
  ['FLOTILLA_HOOK_URL', 'FLOTILLA_HOOK_TOKEN', 'FLOTILLA_SESSION_ID'].map((name) => [name, `$${name}`]),
);

export const geminiHooks: ProviderHooks = { events: Object.values(GEMINI_HOOK_EVENTS) };

type Settings = Record<string, unknown> & { hooks?: Record<string, unknown> };

/** The user's settings with Flotilla's hook appended to each event's list (theirs run as before). */
export function geminiHookSettings(user: Settings, wiring: HookWiring): Settings {
  const hooks: Record<string, unknown> = { ...user.hooks };
  for (const [gemini, event] of Object.entries(GEMINI_HOOK_EVENTS)) {
    const handler = {
      name: `flotilla-${event}`,
      type: 'command',
      command: wiring.command(event),
      timeout: HOOK_TIMEOUT_MS,
      env: HOOK_ENV,
    };
    const own = hooks[gemini];
    const matcher = MATCHERS[gemini];
    hooks[gemini] = [...(Array.isArray(own) ? own : []), { ...(matcher ? { matcher } : {}), hooks: [handler] }];
  }
  return { ...user, hooks };
}

/** The user's Gemini home (the folder holding .gemini), as Gemini itself finds it. */
export function userGeminiHome(env: Record<string, string> | undefined): string {
  return env?.GEMINI_CLI_HOME ?? process.env.GEMINI_CLI_HOME ?? homedir();
}

async function readSettings(file: string): Promise<Settings | null> {
  const text = await readFile(file, 'utf8').catch(() => '{}');
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Settings) : null;
  } catch {
    // JSON with comments (Gemini accepts them): not rewritten, the session runs on its screen alone.
    return null;
  }
}

/** Links `from` to `to` unless something is there already (a relaunch keeps its links). */
async function linkOnce(to: string, from: string): Promise<void> {
  if (await lstat(from).catch(() => null)) return;
  await symlink(to, from);
}

/**
 * Gemini reads hooks only from settings files: system ones (0.61 skips any not owned by root, so a file of
 * ours there is refused for a normal user), the user's ~/.gemini/settings.json, the project's .gemini/ (the
 * worktree, the session's diff) and extensions (installed in ~/.gemini). So the launch gets its own Gemini
 * home, GEMINI_CLI_HOME=<state dir>/gemini-home: .gemini/settings.json there is the user's settings with
 * Flotilla's hooks appended (hook lists concatenate; theirs keep running), and every other entry of the user's
 * ~/.gemini (credentials, chats in tmp/, history, extensions, trusted folders) is a link to theirs, so the
 * conversation is recorded where a later `--resume` and the user look. Without hooks, or with settings
 * Flotilla cannot read as JSON, the launch is left as it was.
 */
export async function withGeminiHooks(ctx: LaunchContext, launch: Launch): Promise<Launch> {
  if (!ctx.hooks) return launch;
  const userHome = userGeminiHome(launch.env);
  const userDir = path.join(userHome, '.gemini');
  const settings = await readSettings(path.join(userDir, 'settings.json'));
  if (!settings) return launch;
  const home = path.join(ctx.stateDir, 'gemini-home');
  const dir = path.join(home, '.gemini');
  // Gemini would make these on its first run; made in the user's folder, its chats land there too.
  await mkdir(path.join(userDir, 'tmp'), { recursive: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(userDir)) {
    if (entry !== 'settings.json') await linkOnce(path.join(userDir, entry), path.join(dir, entry));
  }
  // Its skills and agents folder sits beside .gemini in the home.
  const agents = path.join(userHome, '.agents');
  if (await lstat(agents).catch(() => null)) await linkOnce(agents, path.join(home, '.agents'));
  const file = path.join(dir, 'settings.json');
  await writeFile(file, `${JSON.stringify(geminiHookSettings(settings, ctx.hooks), null, 2)}\n`, { mode: 0o600 });
  return { ...launch, env: { ...launch.env, GEMINI_CLI_HOME: home } };
}
