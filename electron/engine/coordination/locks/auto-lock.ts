import path from 'node:path';
import { FlotillaError } from '../../../../shared/errors.js';
import { isEnded } from '../../../../shared/session-state.js';
import type { SessionRecord } from '../../../store/session-repository.js';
import type { HookEvent } from '../../hooks/hook-event.js';
import type { SessionHooks } from '../../hooks/session-hooks.js';
import { describeHolder, type LockService } from './lock-service.js';

/** Claude Code's tools that write files: the ones auto-lock takes the worktree's lock for. */
export const WRITE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
/** How long a write waits for another session's lock before it goes ahead (noted on the session). */
export const AUTO_LOCK_WAIT_S = 120;

export interface AutoLockDeps {
  locks: LockService;
  /** The autoLock setting, read at each launch and each write. */
  enabled(): boolean;
  sessions(): SessionRecord[];
  note(sessionId: string, detail: string): void;
  /** FLOTILLA_AUTO_LOCK_WAIT_S overrides AUTO_LOCK_WAIT_S (tests, or a team that wants longer). */
  env: NodeJS.ProcessEnv;
}

export function autoLockWaitSeconds(env: NodeJS.ProcessEnv): number {
  const value = Number(env.FLOTILLA_AUTO_LOCK_WAIT_S);
  return Number.isInteger(value) && value > 0 && value <= 3600 ? value : AUTO_LOCK_WAIT_S;
}

/**
 * Opt-in auto-lock: before a write or edit in a worktree another live session shares, the session's
 * PreToolUse hook takes the worktree's lock, waiting (the hook's answer held) while someone else holds it.
 * The auto locks are released when the agent's turn ends (Stop) or its session ends.
 */
export class AutoLock {
  constructor(private readonly deps: AutoLockDeps) {}

  /** Registers the gate and the Stop listener with the engine's hooks. */
  wire(hooks: SessionHooks): void {
    hooks.addGate(
      (event, signal) => this.beforeTool(event, signal),
      () => (this.deps.enabled() ? autoLockWaitSeconds(this.deps.env) : 0),
    );
    hooks.onHookEvent((event) => {
      if (event.event === 'Stop') this.deps.locks.releaseAuto(event.sessionId);
    });
  }

  /** Resolves once the session may write: it holds the worktree's lock, or the wait is over (noted). */
  async beforeTool(event: HookEvent, signal: AbortSignal): Promise<void> {
    const hold = event.holdSeconds ?? 0;
    const tool = event.payload?.tool_name;
    if (event.event !== 'PreToolUse' || hold <= 0 || typeof tool !== 'string' || !WRITE_TOOLS.has(tool)) return;
    if (!this.deps.enabled()) return;
    const sessions = this.deps.sessions();
    const me = sessions.find((s) => s.id === event.sessionId);
    if (!me || !sessions.some((s) => s.id !== me.id && s.worktreePath === me.worktreePath && !isEnded(s.status)))
      return;
    const what = `${tool} ${fileOf(event.payload, me.worktreePath)}`.trim();
    const holder = this.deps.locks.holder('path', me.worktreePath);
    if (holder && holder.sessionId !== me.id)
      this.deps.note(me.id, `auto-lock: ${what} waits, the worktree is ${describeHolder(holder)}`);
    try {
      await this.deps.locks.acquire(me.id, `auto: ${what}`, 'path', hold, true, signal);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const ranAnyway = error instanceof FlotillaError && error.code === 'LOCK_HELD';
      this.deps.note(
        me.id,
        `auto-lock: ${what} went ahead without the worktree's lock (${ranAnyway ? why : `wait ended: ${why}`})`,
      );
    }
  }
}

/** The file a write tool names, relative to the worktree when inside it. */
function fileOf(payload: Record<string, unknown> | null, worktree: string): string {
  const input = payload?.tool_input;
  if (!input || typeof input !== 'object') return '';
  const { file_path: file, notebook_path: notebook } = input as Record<string, unknown>;
  const named = typeof file === 'string' ? file : typeof notebook === 'string' ? notebook : '';
  if (!named) return '';
  const relative = path.relative(worktree, path.resolve(worktree, named));
  return relative.startsWith('..') || path.isAbsolute(relative) ? named : relative;
}
