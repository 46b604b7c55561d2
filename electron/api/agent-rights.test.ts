import { describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../shared/contract.js';
import type { FlotillaError } from '../../shared/errors.js';
import { useTestEngine } from '../test-support/test-engine.js';
import { waitFor } from '../test-support/wait-for.js';
import { agentHandlers } from './agent-rights.js';
import type { ClientContext } from './dispatch.js';
import { engineHandlers } from './engine-handlers.js';

// Which contract methods a session's credential may call at all. Everything else needs the user's token, and a
// method added to the contract later is closed to sessions until someone decides otherwise here.
const OPEN: MethodName[] = [
  'message.send',
  'message.list',
  'providers.list',
  'host.info',
  'lock.acquire',
  'lock.release',
  'lock.list',
  'validation.run',
  'validation.get',
  ...(['list', 'get', 'screen', 'events', 'agentEvents', 'previews', 'stats', 'children', 'others'] as const).map(
    (m) => `session.${m}` as const,
  ),
  ...(['team', 'what', 'watch', 'spawn', 'create', 'send', 'input', 'resize', 'approve', 'deny'] as const).map(
    (m) => `session.${m}` as const,
  ),
  ...(['choose', 'pause', 'resume', 'kill', 'restart', 'update', 'archive', 'remove', 'clear'] as const).map(
    (m) => `session.${m}` as const,
  ),
  ...(['subscribe', 'unsubscribe', 'ack'] as const).map((m) => `session.${m}` as const),
];

const t = useTestEngine();
const client: ClientContext = { follow: () => undefined, unfollow: () => undefined, ack: () => undefined };

async function refusal(call: () => unknown): Promise<FlotillaError | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error as FlotillaError;
  }
}

describe('agentHandlers', () => {
  it('closes every method not meant for sessions, naming it and the way out', async () => {
    const { manager } = t.tm;
    const [session] = await manager.create({ repoPath: t.temp.repo, provider: 'demo', prompt: 'hi' });
    await waitFor(() => manager.get(session!.id).pid !== null);
    const guarded = agentHandlers(engineHandlers(manager, { version: 'test', startedAt: '' }), manager, session!.id);
    const closed: string[] = [];
    for (const method of Object.keys(methods) as MethodName[]) {
      if (OPEN.includes(method)) continue;
      const handler = guarded[method] as (params: unknown, c: ClientContext) => unknown;
      const error = await refusal(() => handler({}, client));
      expect(error?.code, method).toBe('FORBIDDEN');
      expect(error?.message).toBe(
        `${method} is not open to a session: a session's credential may act only on itself and the sessions it ` +
          "spawned, send messages to any session and read the sessions on its own repository; use the user's token",
      );
      closed.push(method);
    }
    expect(closed).toEqual(
      expect.arrayContaining(['settings.set', 'session.merge', 'profiles.create', 'repo.inspect']),
    );
  });

  it("lets a session run its own validation and read one on its repository, not run another session's", async () => {
    const { manager } = t.tm;
    const [me, other] = await manager.create({ repoPath: t.temp.repo, provider: 'demo', prompt: 'hi', count: 2 });
    const guarded = agentHandlers(engineHandlers(manager, { version: 'test', startedAt: '' }), manager, me!.id);
    expect(await guarded['validation.run']({ id: me!.id }, client)).toEqual({
      status: 'none',
      head: null,
      results: [],
    });
    expect(await guarded['validation.get']({ id: other!.id }, client)).toMatchObject({ status: 'none' });
    expect(await refusal(() => guarded['validation.run']({ id: other!.id }, client))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses everything once the session is gone', async () => {
    const { manager } = t.tm;
    const [session] = await manager.create({ repoPath: t.temp.repo, provider: 'demo', prompt: 'hi' });
    const guarded = agentHandlers(engineHandlers(manager, { version: 'test', startedAt: '' }), manager, session!.id);
    await manager.remove(session!.id, true);
    const error = await refusal(() => guarded['providers.list']({}, client));
    expect(error).toMatchObject({
      code: 'FORBIDDEN',
      message: `session ${session!.id} no longer exists; its credential is void`,
    });
  });
});
