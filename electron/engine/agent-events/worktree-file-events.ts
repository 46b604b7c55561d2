import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { AgentEventDraft } from '../../../shared/agent-events.js';
import type { Session } from '../../../shared/session.js';
import { git, READ_ONLY_ENV } from '../../git/run-git.js';
import type { EventHub } from '../event-hub.js';
import { draft } from '../transcripts/agent-event-draft.js';

/** A changed file as last seen: git's two-letter status and the file's size and mtime (null: gone). */
interface Seen {
  xy: string;
  mark: string | null;
}

export interface WorktreeFileEventsDeps {
  events: EventHub;
  session(id: string): Pick<Session, 'id' | 'provider' | 'worktreePath'> | undefined;
  /** Whether the session's CLI has a transcript Flotilla reads (its Write / Edit files come from there). */
  hasTranscript(providerId: string): boolean;
  /** Reads what the session's transcript holds by now (so its file events are in before a look is compared). */
  flush(id: string): Promise<void>;
  record(id: string, drafts: AgentEventDraft[]): void;
}

const MAX_STATS = 2000;

/** `git status -z` entries (renames carry their origin as a second entry, skipped). */
async function changedFiles(worktree: string): Promise<Map<string, Seen>> {
  const { stdout } = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all'], {
    cwd: worktree,
    env: READ_ONLY_ENV,
  });
  const files = new Map<string, Seen>();
  const parts = stdout.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    const file = entry.slice(3);
    if (xy[0] === 'R' || xy[0] === 'C') i++;
    // Bounded work: past MAX_STATS changed files (a build output left untracked), only the status counts.
    const info = files.size < MAX_STATS ? await stat(path.join(worktree, file)).catch(() => null) : undefined;
    files.set(file, { xy, mark: info === undefined ? 'unknown' : info ? `${info.size}:${info.mtimeMs}` : null });
  }
  return files;
}

/** What changed between two looks at the worktree, as file events. */
export function fileChanges(
  before: Map<string, Seen>,
  after: Map<string, Seen>,
): { kind: AgentEventDraft['kind']; file: string }[] {
  const changes: { kind: AgentEventDraft['kind']; file: string }[] = [];
  for (const [file, now] of after) {
    const was = before.get(file);
    if (was?.mark === now.mark && was.xy === now.xy) continue;
    if (now.mark === null) changes.push({ kind: 'file.deleted', file });
    else if (!was && (now.xy === '??' || now.xy.includes('A'))) changes.push({ kind: 'file.created', file });
    else changes.push({ kind: 'file.modified', file });
  }
  // A file made since the last look and removed again is no longer listed: it is gone.
  for (const [file, was] of before)
    if (!after.has(file) && was.xy === '??') changes.push({ kind: 'file.deleted', file });
  return changes;
}

/**
 * File events from the worktree: each time the diff service has looked at a live session's worktree (its
 * watcher saw a change), `git status` is compared with the last look. The first look is the baseline; several
 * changes between two looks are one event; a file committed in between is not seen. One git at a time per
 * session. For agents without a transcript Flotilla reads (Gemini CLI, opencode, Aider, a custom command, a
 * shell) these are all their file events. For the others the transcript reports the files its Write / Edit
 * calls made; a file a shell command made, changed or deleted (`rm` in Claude Code's Bash) is only seen here,
 * so a change the transcript reported since the last look is left to it and the rest is recorded.
 */
export function trackWorktreeFiles(deps: WorktreeFileEventsDeps): () => void {
  const seen = new Map<string, Map<string, Seen>>();
  const busy = new Map<string, boolean>();
  /** Per session, the files the transcript (or a hook) reported, what it said, and during which look. */
  const reported = new Map<string, Map<string, Told>>();
  /** Per session, the files of tool calls under way (a Write asked, not yet done): the transcript will tell. */
  const pending = new Map<string, Map<string, string>>();
  let looks = 0;
  const look = async (session: Pick<Session, 'id' | 'provider' | 'worktreePath'>): Promise<void> => {
    // One git at a time per session; a look asked for meanwhile runs once more after it.
    if (busy.has(session.id)) {
      busy.set(session.id, true);
      return;
    }
    try {
      do {
        busy.set(session.id, false);
        const started = ++looks;
        const after = await changedFiles(session.worktreePath);
        if (deps.hasTranscript(session.provider)) await deps.flush(session.id);
        const told = reported.get(session.id) ?? new Map<string, Told>();
        const before = seen.get(session.id);
        const at = new Date().toISOString();
        const drafts = before
          ? fileChanges(before, after)
              .filter(({ file, kind }) => {
                const full = path.join(session.worktreePath, file);
                return !toldOf(told.get(full), kind) && ![...(pending.get(session.id)?.values() ?? [])].includes(full);
              })
              .map(({ kind, file }) =>
                draft({
                  key: `w:${kind}:${file}:${at}`,
                  kind,
                  at,
                  source: 'watcher',
                  path: path.join(session.worktreePath, file),
                }),
              )
          : [];
        // What the transcript reported while git ran may be newer than git's answer: it stands for the next look.
        const known = new Map(after);
        for (const [file, said] of told) {
          if (said.look < started) told.delete(file);
          else applyTold(known, path.relative(session.worktreePath, file), said.kind);
        }
        seen.set(session.id, known);
        if (drafts.length > 0) deps.record(session.id, drafts);
      } while (busy.get(session.id));
    } finally {
      busy.delete(session.id);
    }
  };
  return deps.events.subscribe((event) => {
    if (event.name === 'session.removed') {
      seen.delete(event.payload.id);
      reported.delete(event.payload.id);
      pending.delete(event.payload.id);
      return;
    }
    if (event.name === 'session.agentEvent') {
      const id = event.payload.id;
      const worktree = deps.session(id)?.worktreePath;
      const told = reported.get(id) ?? new Map<string, Told>();
      const calls = pending.get(id) ?? new Map<string, string>();
      for (const e of event.payload.events) {
        // A call that names a file (Write, Edit) reports what it did to it when it completes.
        if (e.kind === 'tool.invoked' && e.callId && e.path) calls.set(e.callId, e.path);
        if (e.kind === 'tool.completed' && e.callId) calls.delete(e.callId);
        if (e.source === 'watcher' || !e.kind.startsWith('file.') || !e.path) continue;
        told.set(e.path, { kind: e.kind, look: looks });
        // As if the last look had seen it: a file the agent writes and its shell removes before the next look
        // is still reported deleted.
        const last = seen.get(id);
        if (last && worktree) applyTold(last, path.relative(worktree, e.path), e.kind);
      }
      if (told.size > 0) reported.set(id, told);
      if (calls.size > 0) pending.set(id, calls);
      else pending.delete(id);
      return;
    }
    if (event.name !== 'session.diff' || event.payload.error !== null) return;
    const session = deps.session(event.payload.id);
    if (!session) return;
    look(session).catch(() => seen.delete(session.id));
  });
}

/** A file event the transcript reported, and the number of the latest look started when it came. */
interface Told {
  kind: AgentEventDraft['kind'];
  look: number;
}

/** The transcript said so already: the same change, or a change to a file it reported made. */
function toldOf(said: Told | undefined, kind: AgentEventDraft['kind']): boolean {
  return said?.kind === kind || (said?.kind === 'file.created' && kind === 'file.modified');
}

/** Counts a reported change as seen. */
function applyTold(files: Map<string, Seen>, file: string, kind: AgentEventDraft['kind']): void {
  if (kind === 'file.deleted') files.delete(file);
  else files.set(file, { xy: kind === 'file.created' ? '??' : ' M', mark: 'reported' });
}
