import { homedir } from 'node:os';
import path from 'node:path';
import { FlotillaError } from '../../../shared/errors.js';
import {
  ImportListRequest,
  ImportStartRequest,
  type ExternalConversation,
  type ImportListResult,
  type ImportListInput,
  type ImportStartInput,
} from '../../../shared/imports.js';
import type { ProviderProfile } from '../../../shared/provider-profile.js';
import { CreateSessionRequest, type Session } from '../../../shared/session.js';
import type { Settings } from '../../../shared/settings.js';
import { resolveRepoRoot } from '../../git/repo-info.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { SessionRecord } from '../../store/session-repository.js';
import { prepareSessions, type PreparedSession } from '../sessions/create-session.js';
import { countMessages, findConversations } from './find-conversations.js';

export interface ImportDeps {
  dataDir: string;
  /** The environment agents get: where their CLIs keep conversations (HOME, CLAUDE_CONFIG_DIR, CODEX_HOME). */
  env: NodeJS.ProcessEnv;
  settings(): Settings;
  sessions(): SessionRecord[];
  profile(ref: string): ProviderProfile;
  providers: ProviderRegistry;
  idTaken(id: string): boolean;
  setupWorktree(record: SessionRecord): Promise<void>;
  admit(prepared: PreparedSession): Promise<Session>;
}

/** The most an import looks through to find the conversation it was asked for. */
const START_LIMIT = 500;

/**
 * Conversations run with Claude Code or Codex outside Flotilla, and sessions that pick them up: a new
 * worktree whose agent resumes the conversation by its id (the providers launch a preset conversation id
 * that already has a transcript by resuming it), then a session like any other.
 */
export class ImportService {
  /** Conversations being imported right now: a second request for one is refused until the first lands. */
  private readonly importing = new Set<string>();

  constructor(private readonly deps: ImportDeps) {}

  list(request: unknown): Promise<ImportListResult> {
    return this.find(ImportListRequest.parse(request), true);
  }

  private async find(input: ImportListInput, countAll: boolean): Promise<ImportListResult> {
    const repo = await resolveRepoRoot(path.resolve(input.repoPath));
    const profile = input.profileId ? this.deps.profile(input.profileId) : null;
    const found = await findConversations({
      repo,
      ...this.cliDirs(profile),
      sessions: this.deps.sessions(),
      worktreeRoots: [this.deps.settings().worktreeRoot || path.join(this.deps.dataDir, 'worktrees')],
      limit: input.limit,
      countMessages: countAll,
    });
    return { repoPath: repo, ...found };
  }

  async start(request: unknown): Promise<Session> {
    const input = ImportStartRequest.parse(request);
    // Message counts of every conversation are not needed to find one: only the one imported is counted.
    const found = await this.find({ repoPath: input.repoPath, limit: START_LIMIT, profileId: input.profileId }, false);
    const conversation = pick(found.conversations, input);
    // A session made while the files were read (an import that landed meanwhile) counts too.
    const owner = this.deps
      .sessions()
      .find((session) => session.provider === conversation.agent && session.conversationId === conversation.id);
    if (owner) conversation.importedBy = owner.id;
    if (conversation.importedBy) {
      throw new FlotillaError(
        'INVALID_STATE',
        `${label(conversation)} ${conversation.id} is already imported as session ${conversation.importedBy}`,
      );
    }
    const key = `${conversation.agent}:${conversation.id}`;
    if (this.importing.has(key))
      throw new FlotillaError('INVALID_STATE', `${label(conversation)} ${conversation.id} is being imported`);
    this.importing.add(key);
    try {
      await countMessages(conversation);
      const profile = input.profileId ? this.deps.profile(input.profileId) : null;
      const create = CreateSessionRequest.parse({
        repoPath: input.repoPath,
        baseBranch: input.baseBranch,
        provider: conversation.agent,
        name:
          input.name ??
          (conversation.firstPrompt.slice(0, 100) || `${conversation.agent} ${conversation.id.slice(0, 8)}`),
        profileId: input.profileId,
        cols: input.cols,
        rows: input.rows,
      });
      const [prepared] = await prepareSessions(create, {
        dataDir: this.deps.dataDir,
        settings: this.deps.settings(),
        profile,
        providers: this.deps.providers,
        idTaken: this.deps.idTaken,
        setupWorktree: this.deps.setupWorktree,
        conversationId: conversation.id,
      });
      prepared!.notes.push(
        `imported ${label(conversation)} conversation ${conversation.id} (${conversation.messageCount} messages, run in ${conversation.cwd}) from ${conversation.file}`,
      );
      return await this.deps.admit(prepared!);
    } finally {
      this.importing.delete(key);
    }
  }

  /** Where the CLIs keep their files for the agents Flotilla starts: the profile's env, the host's, else HOME. */
  private cliDirs(profile: ProviderProfile | null): { claudeDir: string; codexHome: string } {
    const env = { ...this.deps.env, ...profile?.env };
    const home = env.HOME || homedir();
    return {
      claudeDir: env.CLAUDE_CONFIG_DIR || path.join(home, '.claude'),
      codexHome: env.CODEX_HOME || path.join(home, '.codex'),
    };
  }
}

function label(conversation: ExternalConversation): string {
  return conversation.agent === 'claude' ? 'Claude Code' : 'Codex';
}

/** The conversation asked for, or the newest not imported yet (of `agent` when given). */
function pick(conversations: ExternalConversation[], input: ImportStartInput): ExternalConversation {
  const agentOk = (c: ExternalConversation) => input.agent === undefined || c.agent === input.agent;
  if (input.latest) {
    const latest = conversations.find((c) => agentOk(c) && !c.importedBy);
    if (!latest) {
      const which = input.agent ? `${input.agent} conversation` : 'Claude Code or Codex conversation';
      throw new FlotillaError('NOT_FOUND', `no ${which} of ${input.repoPath} left to import`);
    }
    return latest;
  }
  const found = conversations.find((c) => agentOk(c) && c.id === input.conversationId);
  if (!found) {
    throw new FlotillaError(
      'NOT_FOUND',
      `no conversation ${input.conversationId} of ${input.repoPath} (run flotilla import --repo ${input.repoPath} to list them)`,
    );
  }
  return found;
}
