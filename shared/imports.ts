import { z } from 'zod';
import { Session } from './session.js';

/** The agent CLIs whose own conversations Flotilla can find on disk and resume in a session. */
export const ImportAgent = z.enum(['claude', 'codex']);
export type ImportAgent = z.infer<typeof ImportAgent>;

/** A conversation an agent CLI recorded for a repository, found in the CLI's own files. */
export const ExternalConversation = z.object({
  agent: ImportAgent,
  /** The CLI's conversation id (what `claude --resume` / `codex resume` take). */
  id: z.string(),
  /** The first thing the user typed, shortened. */
  firstPrompt: z.string(),
  /** Where the CLI ran: the repository or a folder inside it. */
  cwd: z.string(),
  startedAt: z.string(),
  /** When the CLI last wrote to it (the file's modification time). */
  updatedAt: z.string(),
  /** Messages of the user and the agent (tool results not counted). */
  messageCount: z.number().int(),
  /** The CLI's file that holds it. */
  file: z.string(),
  /** The Flotilla session it was imported into, if it was. */
  importedBy: z.string().nullable(),
});
export type ExternalConversation = z.infer<typeof ExternalConversation>;

const ProfileRef = { profileId: z.string().min(1).max(200).optional() };

export const ImportListRequest = z
  .object({
    repoPath: z.string().min(1).max(4096),
    /** At most this many, newest first. */
    limit: z.number().int().min(1).max(500).default(50),
    /** A profile whose CLAUDE_CONFIG_DIR / CODEX_HOME says where the CLI keeps its files. */
    ...ProfileRef,
  })
  .strict();

export type ImportListInput = z.output<typeof ImportListRequest>;

export const ImportListResult = z.object({
  repoPath: z.string(),
  conversations: z.array(ExternalConversation),
  /** More conversations exist than were listed (the limit), or the scan stopped at its bound. */
  truncated: z.boolean(),
  /** Files that looked like conversations but could not be read (truncated, not JSON, no prompt). */
  skipped: z.number().int(),
});
export type ImportListResult = z.infer<typeof ImportListResult>;

export const ImportStartRequest = z
  .object({
    repoPath: z.string().min(1).max(4096),
    /** With `latest`: only this agent's conversations; absent, the newest of any. */
    agent: ImportAgent.optional(),
    conversationId: z.string().min(1).max(200).optional(),
    /** The newest conversation not imported yet. */
    latest: z.boolean().default(false),
    name: z.string().min(1).max(100).optional(),
    baseBranch: z.string().min(1).max(255).optional(),
    ...ProfileRef,
    cols: z.number().int().min(20).max(1000).default(120),
    rows: z.number().int().min(5).max(500).default(32),
  })
  .strict()
  .refine((r) => (r.conversationId !== undefined) !== r.latest, {
    message: 'give either conversationId or latest: true',
  });
export type ImportStartInput = z.output<typeof ImportStartRequest>;

export const importMethods = {
  /** Conversations of Claude Code and Codex run in this repository outside Flotilla (and those imported). */
  'import.list': { request: ImportListRequest, response: ImportListResult },
  /** A session in a new worktree that resumes one of them. */
  'import.start': { request: ImportStartRequest, response: Session },
} as const;
