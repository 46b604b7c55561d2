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
  /** Pure: reads the last lines of the visible screen (top to bottom). */
  readScreen(lines: string[]): ScreenReading;
}
