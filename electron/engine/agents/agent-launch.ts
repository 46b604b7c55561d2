import type { LaunchContext, Provider } from '../../providers/provider.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { ProfileRepository } from '../../store/profile-repository.js';
import type { SessionRecord } from '../../store/session-repository.js';
import { agentEnv, withPathFirst } from './agent-env.js';
import type { ReachEnv } from '../coordination/reach/agent-reach.js';
import { AgentProcess } from './agent-process.js';
import { OutputLog } from '../output/output-log.js';
import type { ScreenCache } from '../output/screen-cache.js';
import { ScreenMirror } from '../output/screen-mirror.js';
import { SessionContainment } from '../processes/session-containment.js';
import type { SessionJournal } from '../sessions/session-journal.js';
import type { PreparedHooks } from '../hooks/session-hooks.js';
import { mcpLaunch } from '../../mcp/mcp-launch.js';

export interface LaunchDeps {
  providers: ProviderRegistry;
  profiles: ProfileRepository;
  journal: SessionJournal;
  screens: ScreenCache;
  env: NodeJS.ProcessEnv;
  sessionDir(id: string): string;
  containment: SessionContainment;
  /** Wires a launch to the hook receiver (a fresh credential); absent: no hooks, the screen alone. */
  prepareHooks?(sessionId: string): Promise<PreparedHooks>;
  /** The host's address, a credential for the session and `flotilla` on PATH; null/absent: no host to reach. */
  reach?(sessionId: string): Promise<ReachEnv | null>;
  /** Variables of the session's own (its port block: FLOTILLA_PORT…), set before the host's. */
  extraEnv?(sessionId: string): Promise<Record<string, string>>;
  /** Setting agentMcp: agents that can reach the host get Flotilla's MCP server (ctx.mcp). */
  agentMcp?(): boolean;
}

export interface LaunchedAgent {
  agent: AgentProcess;
  mirror: ScreenMirror;
  log: OutputLog;
  provider: Provider;
  /** The prompt to type once the agent runs (providers that take it as an argument have it already). */
  prompt: string;
}

/**
 * Starts a session's agent in its worktree: the provider's command (its resume form when resuming), the
 * output log, the screen mirror (a resumed agent continues on its last screen, so the card never flashes
 * blank) and the pty. On a spawn failure nothing is left open.
 */
export async function launchAgent(
  deps: LaunchDeps,
  record: SessionRecord,
  mode: 'launch' | 'resume',
): Promise<LaunchedAgent> {
  const provider = deps.providers.get(record.provider);
  const ctx: LaunchContext = {
    sessionId: record.id,
    prompt: mode === 'launch' ? record.prompt : '',
    conversationId: record.conversationId,
    worktreePath: record.worktreePath,
    stateDir: deps.sessionDir(record.id),
    profile: record.profileId ? (deps.profiles.get(record.profileId) ?? null) : null,
  };
  if (record.profileId && !ctx.profile) {
    deps.journal.addEvent(
      record.id,
      'note',
      `profile ${record.profileId} no longer exists; using ${provider.label}'s defaults`,
    );
  }
  // How the agent reaches the host (null without one): its env below, and Flotilla's MCP server.
  const reach = (await deps.reach?.(record.id)) ?? null;
  // Flotilla's MCP server runs as the agent's `flotilla` launcher: only for an agent that can reach the host.
  if (reach && deps.agentMcp?.()) ctx.mcp = mcpLaunch(reach.binDir);
  const hooks = await prepareHooks(deps, provider, record.id);
  if (hooks) ctx.hooks = hooks.wiring;
  let launch = mode === 'resume' ? await provider.resume(ctx) : await provider.launch(ctx);
  if (!launch) {
    launch = await provider.launch({ ...ctx, prompt: '' });
    deps.journal.addEvent(
      record.id,
      'note',
      `${provider.label} cannot resume a conversation; started it again in the same worktree`,
    );
  }
  // The hook client finds the receiver and proves its session with these (the CLI passes its env on to hooks).
  if (hooks) launch = { ...launch, env: { ...launch.env, ...hooks.env } };
  const log = new OutputLog(deps.sessionDir(record.id), undefined, (error) =>
    deps.journal.addEvent(record.id, 'error', `output log stopped: ${error.message}; the agent keeps running`),
  );
  await log.open();
  const mirror = mode === 'resume' ? await deps.screens.restore(record) : new ScreenMirror(record.cols, record.rows);
  const place = await deps.containment.prepare(record.id);
  let agent: AgentProcess;
  try {
    agent = AgentProcess.spawn({
      file: launch.file,
      args: launch.args,
      cwd: record.worktreePath,
      env: launchEnv(deps.env, record, { ...launch.env, ...(await deps.extraEnv?.(record.id)) }, reach),
      cols: record.cols,
      rows: record.rows,
      sessionId: record.id,
      cgroup: place.cgroup,
    });
  } catch (error) {
    // Nothing will write to the log or the new mirror: release them (a restored mirror stays cached for screen()).
    await log.close();
    await place.cgroup?.remove();
    if (mode === 'launch') mirror.dispose();
    throw error;
  }
  // Refused (say, a delegated cgroup the host may create but not move processes into): the marker it is.
  if (place.cgroup && !agent.cgroup) await place.cgroup.remove();
  deps.journal.addEvent(record.id, 'containment', SessionContainment.describe(agent.cgroup, place.reason));
  // A new agent gets a new mirror: one made meanwhile for screen() (a queued session's card) is released.
  if (mode === 'launch') deps.screens.drop(record.id);
  else deps.screens.release(record.id);
  return { agent, mirror, log, provider, prompt: ctx.prompt };
}

/**
 * The agent's environment: clean (agentEnv), the provider's variables, and how to reach the host: its URL, the
 * session's credential, the parent's id, `flotilla` first on PATH. Set last, so no profile can forge them.
 */
function launchEnv(
  base: NodeJS.ProcessEnv,
  record: SessionRecord,
  own: Record<string, string> | undefined,
  reach: ReachEnv | null,
): NodeJS.ProcessEnv {
  const parent: Record<string, string> = record.parentId ? { FLOTILLA_PARENT_ID: record.parentId } : {};
  const env = agentEnv(base, record.id, { ...own, ...reach?.env, ...parent });
  return reach ? withPathFirst(env, reach.binDir) : env;
}

/**
 * A fresh credential and the hook commands for this launch, when the provider's CLI has hooks. Hooks that
 * cannot be set up are noted and left out: the status then comes from the screen, as for a CLI without hooks.
 */
async function prepareHooks(deps: LaunchDeps, provider: Provider, sessionId: string): Promise<PreparedHooks | null> {
  if (!provider.hooks || !deps.prepareHooks) return null;
  try {
    return await deps.prepareHooks(sessionId);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    deps.journal.addEvent(
      sessionId,
      'note',
      `${provider.label}'s hooks could not be set up (${why}); status comes from its screen`,
    );
    return null;
  }
}
