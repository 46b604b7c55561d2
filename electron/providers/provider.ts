import type { ProviderProfile } from '../../shared/provider-profile.js';
import type { PromptQuestion } from '../../shared/session.js';

/** What a provider needs to start or resume its CLI for one session. */
export interface LaunchContext {
  sessionId: string;
  prompt: string;
  conversationId: string | null;
  worktreePath: string;
  /** A folder private to this session for the provider's own state. */
  stateDir: string;
  /** The profile the session was created with: binary override, extra args, model, env. */
  profile?: ProviderProfile | null;
  /** Present when the engine receives this launch's hooks (the provider has `hooks`): the command per event. */
  hooks?: HookWiring;
  /** Present when the agent gets Flotilla's MCP server (setting agentMcp, and a host it can reach). */
  mcp?: McpLaunch;
}

/** How an agent's CLI starts `flotilla mcp` for its session (an MCP stdio server). */
export interface McpLaunch {
  command: string;
  args: string[];
  /**
   * The variables of the agent's env the server needs (its session, the host's URL, its credential): a CLI that
   * starts MCP servers with a filtered env (Codex) is told to pass these on; their values never go on disk.
   */
  passEnv: string[];
}

export interface Launch {
  file: string;
  args: string[];
  env?: Record<string, string>;
}

/** What a provider reads off the bottom of the agent's screen. */
export interface ScreenReading {
  busy: boolean;
  question: PromptQuestion | null;
}

/** The keys that answer a question on the agent's screen. */
export interface AnswerKeys {
  /** Picks option k (1-based) of the question; approving is option 1. */
  option(k: number, question: PromptQuestion): string;
  /** Declines the question (its "No" option, or the CLI's cancel key); null when the question has no way to decline. */
  deny(question: PromptQuestion): string | null;
}

/** How a CLI's hook reaches the engine: the shell command (the CLI's own format) that posts hook event `event`. */
export interface HookWiring {
  command(event: string): string;
  /** The same as an argv, for CLIs that run a program rather than a shell line (Codex's `notify`). */
  argv(event: string): string[];
  /** Seconds the host may hold a PreToolUse hook's answer (auto-lock waiting for a lock); absent: never. */
  holdSeconds?: number;
}

/**
 * A CLI that reports its own events (prompt submitted, tool use, permission asked, turn done) through hooks.
 * Its launch and resume then get ctx.hooks and configure the CLI to run those commands: whatever that needs on
 * disk goes in ctx.stateDir, never in the worktree (the session's diff) nor in the user's own CLI settings.
 */
export interface ProviderHooks {
  /** The hook events the CLI posts (Flotilla's names: SessionStart, PreToolUse, Stop…). */
  events: readonly string[];
}

export interface Provider {
  id: string;
  label: string;
  /** The command that installs the CLI, named in PROVIDER_NOT_FOUND. */
  installHint?: string;
  /** A fresh conversation id to pass at start, when the CLI accepts one. */
  newConversationId(): string | null;
  /** The CLI takes no prompt argument: the engine types the prompt (and Enter) once it has started. */
  typesPrompt?: boolean;
  /** argv for a new session; throws PROVIDER_NOT_FOUND (naming how to install it) when the CLI is missing. */
  launch(ctx: LaunchContext): Promise<Launch>;
  /** argv to continue the conversation after the process is gone; null means "start again in the same worktree". */
  resume(ctx: LaunchContext): Promise<Launch | null>;
  keys: AnswerKeys;
  /** Present when the CLI has hooks: its status then comes from them first, the screen second. */
  hooks?: ProviderHooks;
  /** Pure: reads the last lines of the visible screen (top to bottom). */
  readScreen(lines: string[]): ScreenReading;
}
