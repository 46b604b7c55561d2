import { existsSync } from 'node:fs';
import path from 'node:path';
import { FlotillaError } from '../../../shared/errors.js';
import type { ProviderProfile } from '../../../shared/provider-profile.js';
import type { CreateSessionInput } from '../../../shared/session.js';
import type { Settings } from '../../../shared/settings.js';
import {
  branchExists,
  isDirty,
  isValidBranchName,
  lockFile,
  resolveBase,
  resolveBaseBranch,
  resolveRepoRoot,
} from '../../git/repo-info.js';
import { addWorktree, deleteBranch, removeWorktree } from '../../git/worktree.js';
import type { Launch } from '../../providers/provider.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { SessionRecord } from '../../store/session-repository.js';
import { branchName, defaultName, newSessionId, sessionName, slugify } from './session-naming.js';
import { lineageFields, lineageNotes, resolveLineage } from './session-lineage.js';

export interface PrepareContext {
  dataDir: string;
  settings: Settings;
  providers: ProviderRegistry;
  idTaken(id: string): boolean;
  /** The provider profile the sessions run with (it names their provider). */
  profile?: ProviderProfile | null;
  /** Prepares a new worktree before the agent starts (copies configured files, runs the repo's setup command). */
  setupWorktree?(record: SessionRecord): Promise<void>;
  /**
   * An existing conversation of the agent to continue (an imported one): the provider, seeing a preset id
   * that already has a transcript, launches by resuming it.
   */
  conversationId?: string;
  /** Finds a session by id, prefix or name (throws NOT_FOUND): the parent and the shared worktree's owner. */
  session?(ref: string): SessionRecord;
}

/** A session validated and named, whose worktree is not made yet; rollback undoes whatever was made. */
export interface PreparedSession {
  record: SessionRecord;
  /** Things the user should know about this session from the start (recorded as events). */
  notes: string[];
  createWorktree(): Promise<void>;
  rollback(): Promise<void>;
}

/** A lock another git holds for a moment (an editor's `git status`) is waited out this long, then reported. */
const LOCK_WAIT_MS = 1000;

/** The repository's lock file still there after LOCK_WAIT_MS, if any. */
async function heldLock(repo: string): Promise<string | undefined> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const lock = await lockFile(repo);
    if (!lock || Date.now() >= deadline) return lock;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Linux's limit on one argument or environment string of a new process (MAX_ARG_STRLEN, less its NUL). */
const MAX_ARG_BYTES = 128 * 1024 - 1;

/**
 * A prompt passed on the command line must fit in one argument: past the limit the agent's exec fails and
 * the session would only say "exited with code 1". The schema counts characters; the kernel counts bytes.
 */
function assertLaunchable(launch: Launch, prompt: string, label: string): void {
  if (process.platform !== 'linux') return;
  const strings = [...launch.args, ...Object.entries(launch.env ?? {}).map(([key, value]) => `${key}=${value}`)];
  const tooLong = strings.find((s) => Buffer.byteLength(s) > MAX_ARG_BYTES);
  if (tooLong === undefined) return;
  const what =
    prompt && tooLong.includes(prompt)
      ? `the prompt (${Buffer.byteLength(prompt)} bytes of UTF-8) is too long to start ${label} with`
      : `an argument or environment value of the profile is too long to start ${label} with`;
  throw new FlotillaError('VALIDATION', `${what}: one command-line string holds at most ${MAX_ARG_BYTES} bytes`);
}

/**
 * Checks everything that would make every copy fail (repo, lock, base, provider binary) before anything
 * is made, so such errors come back on the call and leave nothing behind.
 */
export async function prepareSessions(input: CreateSessionInput, ctx: PrepareContext): Promise<PreparedSession[]> {
  const repo = await resolveRepoRoot(path.resolve(input.repoPath));
  const lock = await heldLock(repo);
  if (lock) throw new FlotillaError('REPO_LOCKED', `${repo} is locked by another git process (${lock} exists)`);
  const lineage = resolveLineage(input, repo, (ref) => {
    if (!ctx.session) throw new FlotillaError('UNSUPPORTED', 'this create cannot name other sessions');
    return ctx.session(ref);
  });
  const { shared, parent } = lineage;
  const baseBranch = await resolveBaseBranch(repo, lineage.base);
  const baseCommit = await resolveBase(repo, baseBranch);
  const profile = ctx.profile ?? null;
  if (profile && input.provider !== undefined && input.provider !== profile.provider) {
    throw new FlotillaError(
      'VALIDATION',
      `profile "${profile.name}" is for ${profile.provider}, not ${input.provider}`,
    );
  }
  const provider = ctx.providers.get(input.provider ?? profile?.provider ?? ctx.settings.defaultProvider);
  const preflight = await provider.launch({
    sessionId: 'preflight',
    prompt: input.prompt,
    conversationId: null,
    worktreePath: repo,
    stateDir: ctx.dataDir,
    profile,
  });
  assertLaunchable(preflight, input.prompt, provider.label);

  const prefix = ctx.settings.branchPrefix;
  const worktreeRoot = ctx.settings.worktreeRoot || path.join(ctx.dataDir, 'worktrees');
  const slug = slugify(input.name ?? (input.prompt || provider.id));
  const baseName = input.name ?? defaultName(input.prompt, provider.id);
  const notes =
    shared || parent
      ? lineageNotes(lineage, !!parent && existsSync(parent.worktreePath) && (await isDirty(parent.worktreePath)))
      : (await isDirty(repo))
        ? [
            `${repo} has uncommitted changes; this session starts from ${baseBranch} at ${baseCommit.slice(0, 10)} without them`,
          ]
        : [];
  const taken = new Set<string>();
  const prepared: PreparedSession[] = [];

  for (let index = 0; index < input.count; index++) {
    let id = newSessionId();
    while (taken.has(id) || ctx.idTaken(id)) id = newSessionId();
    taken.add(id);
    // A sharer works on the shared session's branch in its worktree: nothing of its own to make.
    const branch = shared?.branch ?? branchName(prefix, slug, id);
    if (!shared && !(await isValidBranchName(repo, branch))) {
      throw new FlotillaError('VALIDATION', `"${branch}" is not a valid branch name; check the branch prefix setting`);
    }
    if (!shared && (await branchExists(repo, branch)))
      throw new FlotillaError('BRANCH_EXISTS', `branch ${branch} already exists in ${repo}`);
    const worktreePath = shared?.worktreePath ?? path.join(worktreeRoot, path.basename(repo), `${slug}-${id}`);
    const at = new Date().toISOString();
    const record: SessionRecord = {
      id,
      name: sessionName(baseName, index, input.count),
      provider: provider.id,
      prompt: input.prompt,
      status: 'creating',
      repoPath: repo,
      baseBranch,
      branch,
      worktreePath,
      pid: null,
      pidStartTime: null,
      conversationId: ctx.conversationId ?? provider.newConversationId(),
      autoYes: input.autoYes ?? ctx.settings.autoYesDefault,
      ...(profile ? { profileId: profile.id } : {}),
      exitCode: null,
      error: null,
      question: null,
      archivedAt: null,
      cols: input.cols,
      rows: input.rows,
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
      ...lineageFields(lineage),
    };
    prepared.push(
      shared
        ? sharedPrepared(record, notes)
        : {
            record,
            notes,
            createWorktree: async () => {
              await addWorktree(repo, worktreePath, branch, baseCommit);
              await ctx.setupWorktree?.(record);
            },
            rollback: () => rollbackWorktree(record),
          },
    );
  }
  return prepared;
}

/**
 * A session that was queued when the host stopped, to be queued again: nothing of it was made, and its
 * base branch is resolved when it starts (the branch may have moved meanwhile).
 */
export function preparedAgain(
  record: SessionRecord,
  setupWorktree?: (record: SessionRecord) => Promise<void>,
): PreparedSession {
  if (record.sharesWorktreeOf) return sharedPrepared(record, []);
  return {
    record,
    notes: [],
    createWorktree: async () => {
      const baseCommit = await resolveBase(record.repoPath, record.baseBranch);
      await addWorktree(record.repoPath, record.worktreePath, record.branch, baseCommit);
      await setupWorktree?.(record);
    },
    rollback: () => rollbackWorktree(record),
  };
}

/**
 * A session in another session's worktree: the worktree must still be there when it starts, and a failed
 * start leaves it (and its branch) to the session that owns them.
 */
function sharedPrepared(record: SessionRecord, notes: string[]): PreparedSession {
  return {
    record,
    notes,
    createWorktree: async () => {
      if (!existsSync(record.worktreePath)) {
        throw new FlotillaError('WORKTREE_MISSING', `the shared worktree ${record.worktreePath} is gone`);
      }
    },
    rollback: async () => undefined,
  };
}

async function rollbackWorktree({ repoPath, worktreePath, branch }: SessionRecord): Promise<void> {
  if (existsSync(worktreePath)) await removeWorktree(repoPath, worktreePath).catch(() => undefined);
  if (await branchExists(repoPath, branch)) await deleteBranch(repoPath, branch).catch(() => undefined);
}
