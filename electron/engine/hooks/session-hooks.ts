import { packageRoot, shippedFile } from '../../package-root.js';
import { HookCredentials } from './hook-credentials.js';
import type { HookWiring } from '../../providers/provider.js';
import { HookEventName, type HookEvent, type HookGate, type HookListener, type HookPost } from './hook-event.js';
import { HookReceiver } from './hook-receiver.js';

/** A session's hooks for one launch: the commands, and the variables the agent's env must carry for them. */
export interface PreparedHooks {
  wiring: HookWiring;
  env: Record<string, string>;
}

export interface SessionHooksDeps {
  /** The session's provider id; undefined for a session that no longer exists. */
  providerOf(sessionId: string): string | undefined;
  /** false: posts are refused (the screen stays the only source). */
  accepting(): boolean;
}

/**
 * The hook client: a small plain script with no imports beyond node:, so each hook starts in tens of ms. In the
 * packaged app it lies unpacked beside app.asar, where any Node (and a CLI's shell) can read it.
 */
export function hookClientScript(root = packageRoot()): string {
  return shippedFile(root, 'bin', 'flotilla-hook.cjs');
}

/** POSIX single quotes: the CLI runs hook commands with a shell, and paths may hold spaces or quotes. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line of a hook: this process's Node running the hook client. In the desktop app that Node is
 * Electron's binary, which runs a script as plain Node only with ELECTRON_RUN_AS_NODE=1: set on the hook's
 * command, not in the agent's env, where it would turn every Electron app the agent starts (an editor) into Node.
 */
export function hookCommand(
  event: string,
  node = process.execPath,
  electron = Boolean(process.versions.electron),
): string {
  // The receiver knows only its own event names; anything else is no word to put in a shell command.
  if (!HookEventName.safeParse(event).success) throw new Error(`not a hook event: ${event}`);
  const prefix = electron ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  return `${prefix}${shellQuote(node)} ${shellQuote(hookClientScript())} ${event}`;
}

/** The hook client as an argv; in Electron through env(1), which sets ELECTRON_RUN_AS_NODE=1 for it alone. */
export function hookArgv(
  event: string,
  node = process.execPath,
  electron = Boolean(process.versions.electron),
): string[] {
  if (!HookEventName.safeParse(event).success) throw new Error(`not a hook event: ${event}`);
  const run = [node, hookClientScript(), event];
  return electron ? ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', ...run] : run;
}

/**
 * The engine's hook door: starts the receiver on the first launch that wants hooks, gives each launch a fresh
 * credential, and hands every authenticated event to the listeners (the status arbiter, and whoever else
 * subscribes through SessionManager.onHookEvent).
 */
export class SessionHooks {
  private readonly credentials = new HookCredentials();
  private readonly receiver: HookReceiver;
  private readonly listeners = new Set<HookListener>();
  private readonly gates: { gate: HookGate; holdSeconds: () => number }[] = [];
  /** Each session's launch: how long its hook client waits for a PreToolUse answer (0: the usual 2 s). */
  private readonly holds = new Map<string, number>();

  constructor(private readonly deps: SessionHooksDeps) {
    this.receiver = new HookReceiver({
      credentials: this.credentials,
      accepting: () => deps.accepting(),
      deliver: (post) => this.deliver(post),
      hold: (post, signal) => this.hold(post, signal),
    });
  }

  /** Wires a launch of the session's agent: a new credential (the last launch's stops working). */
  async prepare(sessionId: string): Promise<PreparedHooks> {
    const url = await this.receiver.url();
    const token = this.credentials.issue(sessionId);
    // Decided per launch: the CLI's hook timeout is written into its settings when it starts.
    const hold = Math.max(0, ...this.gates.map((g) => g.holdSeconds()));
    this.holds.set(sessionId, hold);
    const wiring: HookWiring = { command: (event) => hookCommand(event), argv: (event) => hookArgv(event) };
    if (hold === 0) return { wiring, env: { FLOTILLA_HOOK_URL: url, FLOTILLA_HOOK_TOKEN: token } };
    return {
      wiring: { ...wiring, holdSeconds: hold },
      env: { FLOTILLA_HOOK_URL: url, FLOTILLA_HOOK_TOKEN: token, FLOTILLA_HOOK_HOLD_S: String(hold) },
    };
  }

  /** The agent is gone: its credential stops working. */
  revoke(sessionId: string): void {
    this.credentials.revoke(sessionId);
    this.holds.delete(sessionId);
  }

  /**
   * Calls `listener` with every authenticated hook event of every session, in arrival order. A listener that
   * throws is reported and does not stop the others. Returns the unsubscribe function.
   */
  onHookEvent(listener: HookListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `gate` runs on every authenticated event after the listeners, and the receiver answers once it settles
   * (a gate that throws is reported; the post is answered all the same). `holdSeconds()` is read at each
   * launch: how long that launch's hook client will wait for a PreToolUse answer (0: no longer than usual).
   * A gate holds a post no longer than the event's holdSeconds.
   */
  addGate(gate: HookGate, holdSeconds: () => number): void {
    this.gates.push({ gate, holdSeconds });
  }

  close(): Promise<void> {
    return this.receiver.close();
  }

  private event(post: HookPost): HookEvent | undefined {
    const providerId = this.deps.providerOf(post.sessionId);
    if (providerId === undefined) return undefined;
    return { ...post, providerId, receivedAt: Date.now(), holdSeconds: this.holds.get(post.sessionId) ?? 0 };
  }

  private deliver(post: HookPost): void {
    const event = this.event(post);
    if (!event) return;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`flotilla: a hook listener failed on ${post.event} of session ${post.sessionId}:`, error);
      }
    }
  }

  private async hold(post: HookPost, signal: AbortSignal): Promise<void> {
    const event = this.gates.length > 0 ? this.event(post) : undefined;
    if (!event) return;
    await Promise.all(
      this.gates.map(async ({ gate }) => {
        try {
          await gate(event, signal);
        } catch (error) {
          console.error(`flotilla: a hook gate failed on ${post.event} of session ${post.sessionId}:`, error);
        }
      }),
    );
  }
}
