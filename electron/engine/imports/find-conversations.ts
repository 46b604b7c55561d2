import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExternalConversation, ImportListResult } from '../../../shared/imports.js';
import { claudeCandidates, countClaudeMessages, readClaudeHead } from './claude-conversations.js';
import { codexCandidates, countCodexMessages, readCodexCwd, readCodexHead } from './codex-conversations.js';
import type { Candidate, HeadReading } from './conversation-candidate.js';

/** What a listing needs to know of Flotilla's own sessions. */
export interface KnownSession {
  id: string;
  provider: string;
  conversationId: string | null;
  worktreePath: string;
}

export interface FindOptions {
  repo: string;
  /** Claude Code's config folder (CLAUDE_CONFIG_DIR, else ~/.claude). */
  claudeDir: string;
  /** Codex's home (CODEX_HOME, else ~/.codex). */
  codexHome: string;
  sessions: KnownSession[];
  /** Folders Flotilla makes worktrees in: a conversation that ran there is a session's own. */
  worktreeRoots: string[];
  limit: number;
  /** Bounds of one scan: Codex files looked at, heads of the repo's read (others' are only glanced at). */
  maxFiles?: number;
  maxHeads?: number;
  /** Count each listed conversation's messages (streams every listed file through); default true. */
  countMessages?: boolean;
}

const PARALLEL_READS = 8;

function inside(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The conversations Claude Code and Codex recorded for `repo` (run in it or a folder inside it) that
 * Flotilla did not start, newest first: reads each file's head only, and counts messages of the listed ones.
 * A conversation a session was imported from is listed with that session; ones run in a Flotilla worktree
 * are left out. Files that cannot be read are counted in `skipped`, never thrown.
 */
export async function findConversations(options: FindOptions): Promise<Omit<ImportListResult, 'repoPath'>> {
  const { repo, limit, maxFiles = 5000, maxHeads = 1000 } = options;
  const [claude, codex] = await Promise.all([
    claudeCandidates(options.claudeDir, repo),
    codexCandidates(options.codexHome, maxFiles),
  ]);
  let truncated = codex.more;
  const dated = await Promise.all(
    [...claude, ...codex.found].map(async (candidate) => {
      const info = await stat(candidate.file).catch(() => undefined);
      return info ? { ...candidate, mtime: info.mtime } : undefined;
    }),
  );
  const ordered = dated.filter((c) => c !== undefined).sort((a, b) => b.mtime.getTime() - a.mtime.getTime());
  const ownWorktree = (cwd: string) =>
    options.worktreeRoots.some((root) => inside(cwd, root)) ||
    options.sessions.some((session) => inside(cwd, session.worktreePath));

  const listed: ExternalConversation[] = [];
  let skipped = 0;
  let read = 0;
  for (let at = 0; at < ordered.length && listed.length <= limit; at += PARALLEL_READS) {
    if (read >= maxHeads) {
      truncated = true;
      break;
    }
    const batch = ordered.slice(at, at + PARALLEL_READS);
    const heads = await Promise.all(batch.map((candidate) => readCandidate(candidate, repo)));
    heads.forEach((head, index) => {
      const candidate = batch[index]!;
      if (head.kind !== 'elsewhere') read++;
      if (head.kind === 'bad') skipped++;
      if (head.kind !== 'conversation' || !inside(head.cwd, repo) || ownWorktree(head.cwd)) return;
      const session = options.sessions.find((s) => s.provider === candidate.agent && s.conversationId === head.id);
      listed.push({
        agent: candidate.agent,
        id: head.id,
        firstPrompt: head.firstPrompt,
        cwd: head.cwd,
        startedAt: head.startedAt || candidate.mtime.toISOString(),
        updatedAt: candidate.mtime.toISOString(),
        messageCount: 0,
        file: candidate.file,
        importedBy: session?.id ?? null,
      });
    });
  }
  if (listed.length > limit) truncated = true;
  const shown = listed.slice(0, limit);
  if (options.countMessages !== false) await Promise.all(shown.map(countMessages));
  return { conversations: shown, truncated, skipped };
}

async function readCandidate(candidate: Candidate, repo: string): Promise<HeadReading | { kind: 'elsewhere' }> {
  try {
    if (candidate.agent === 'claude') return await readClaudeHead(candidate.file);
    // Codex keeps every project's rollouts in one tree: most of them ran in other folders.
    const cwd = await readCodexCwd(candidate.file);
    if (cwd !== undefined && !inside(cwd, repo)) return { kind: 'elsewhere' };
    return await readCodexHead(candidate.file);
  } catch {
    // Gone since it was listed, unreadable (permissions), a folder named like a file.
    return { kind: 'bad' };
  }
}

/** Fills in the conversation's message count (0 when its file cannot be read now). */
export async function countMessages(conversation: ExternalConversation): Promise<void> {
  const count = conversation.agent === 'claude' ? countClaudeMessages : countCodexMessages;
  conversation.messageCount = await count(conversation.file).catch(() => 0);
}
