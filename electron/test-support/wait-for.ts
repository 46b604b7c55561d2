import type { AnyEvent } from '../../shared/contract.js';
import type { Session, SessionStatus } from '../../shared/session.js';
import type { SessionManager } from '../engine/session-manager.js';

const DEFAULT_TIMEOUT_MS = 10_000;

export interface WaitOptions {
  timeoutMs?: number;
  /** How often a polled condition is checked. */
  intervalMs?: number;
  /** Named in the timeout error. */
  what?: string;
}

/** Polls `probe` until it returns a truthy value (which is returned); rejects after the timeout. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

/**
 * Resolves when `check` passes, evaluated now and after every engine event (never by sleeping);
 * rejects after the timeout with `describe()` of the last state.
 */
export function waitForEvents<T>(
  manager: SessionManager,
  check: (event: AnyEvent | undefined) => T | undefined | Promise<T | undefined>,
  options: WaitOptions & { describe?: () => string | Promise<string> } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let running = false;
    let again = false;
    const finish = (error: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      if (error) reject(error);
      else resolve(value as T);
    };
    // Checks one at a time; events that arrive meanwhile trigger one more check.
    const run = async (event: AnyEvent | undefined) => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        let current = event;
        do {
          again = false;
          const value = await check(current);
          if (value !== undefined) return finish(undefined, value);
          current = undefined;
        } while (again && !done);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      } finally {
        running = false;
      }
    };
    const unsubscribe = manager.subscribe((event) => void run(event));
    const timer = setTimeout(() => {
      void (async () => {
        const state = options.describe ? await Promise.resolve(options.describe()).catch(() => '') : '';
        finish(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${options.what ?? 'an event'}${state ? `; ${state}` : ''}`,
          ),
        );
      })();
    }, timeoutMs);
    void run(undefined);
  });
}

/** Resolves with the session once it has `status`. */
export function waitForStatus(
  manager: SessionManager,
  id: string,
  status: SessionStatus,
  timeoutMs?: number,
): Promise<Session> {
  return waitForEvents(
    manager,
    () => {
      const session = manager.get(id);
      return session.status === status ? session : undefined;
    },
    {
      timeoutMs,
      what: `session ${id} to be ${status}`,
      describe: async () => `it is ${manager.get(id).status}; screen:\n${(await manager.screen(id)).text}`,
    },
  );
}

/** Resolves with the screen text once the session's visible screen contains `text`. */
export function waitForScreen(
  manager: SessionManager,
  id: string,
  text: string | RegExp,
  timeoutMs?: number,
): Promise<string> {
  const matches = (screen: string) => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
  return waitForEvents(
    manager,
    async (event) => {
      if (event && event.name !== 'session.output' && event.name !== 'session.status') return undefined;
      const screen = (await manager.screen(id)).text;
      return matches(screen) ? screen : undefined;
    },
    {
      timeoutMs,
      what: `the screen of ${id} to show ${String(text)}`,
      describe: async () => `screen:\n${(await manager.screen(id)).text}`,
    },
  );
}
