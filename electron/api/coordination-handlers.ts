import { USER_SENDER, type Sender, type SessionManager } from '../engine/index.js';

import type { ClientContext, Handlers } from './dispatch.js';

type CoordinationMethod =
  | 'message.send'
  | 'message.list'
  | 'session.watch'
  | 'session.spawn'
  | 'session.children'
  | 'session.others'
  | 'session.team'
  | 'session.what'
  | 'session.clear'
  | 'lock.acquire'
  | 'lock.release'
  | 'lock.list';

/** Who is asking: the session whose credential the client holds, else the user. */
function senderOf(manager: SessionManager, client: ClientContext): Sender {
  if (!client.sessionId) return USER_SENDER;
  return { id: client.sessionId, name: manager.get(client.sessionId).name };
}

/** Messages, watches, spawn, the team views and locks (shared/coordination.ts). */
export function coordinationHandlers(manager: SessionManager): Pick<Handlers, CoordinationMethod> {
  const ok = { ok: true } as const;
  return {
    'message.send': ({ id, text, mode }, client) => manager.messages.send(id, text, mode, senderOf(manager, client)),
    'message.list': ({ id }) => ({ messages: manager.messages.list(id) }),
    'session.watch': ({ id, watcherId, seconds }) => {
      manager.messages.watch(id, watcherId, seconds);
      return ok;
    },
    'session.spawn': (params) => manager.team.spawn(params),
    'session.children': ({ id }) => ({ sessions: manager.team.children(id) }),
    'session.others': ({ id }) => ({ sessions: manager.team.others(id) }),
    'session.team': ({ id }) => manager.team.team(id),
    'session.what': ({ id }) => manager.team.what(id),
    'session.clear': async ({ id }) => {
      await manager.team.clear(id);
      return ok;
    },
    'lock.acquire': ({ id, reason, scope, wait }) => manager.locks.acquire(id, reason, scope, wait),
    'lock.release': ({ id, scope }) => ({ released: manager.locks.release(id, scope) }),
    'lock.list': ({ repoPath }) => ({ locks: manager.locks.list(repoPath) }),
  };
}
