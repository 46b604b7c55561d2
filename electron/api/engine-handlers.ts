import type { SessionManager } from '../engine/index.js';
import { dialogHandlers, type NativeDialogs } from './dialog-handlers.js';
import type { Handlers } from './dispatch.js';
import { gitHandlers } from './git-handlers.js';
import { importHandlers } from './import-handlers.js';
import { coordinationHandlers } from './coordination-handlers.js';
import { profileHandlers } from './profile-handlers.js';
import { openHandlers, type NativeOpener } from './open-handlers.js';
import { validationHandlers } from './validation-handlers.js';
import { reviewCommentHandlers } from './review-comment-handlers.js';
import { conflictHandlers } from './conflict-handlers.js';
import { mergeQueueHandlers } from './merge-queue-handlers.js';
import { worktreeCostHandlers } from './worktree-cost-handlers.js';

export interface HostInfo {
  version: string;
  startedAt: string;
  /** Native dialogs, when the transport runs inside the desktop app. */
  dialogs?: NativeDialogs;
  /** Opening worktrees in an editor or terminal, when the transport runs inside the desktop app. */
  opener?: NativeOpener;
  /** Where the host runs (default: its process's cwd); offered as the first repository. */
  workingDir?: string;
}

/** Binds every contract method to the engine. Transports (WebSocket, Electron IPC) share these handlers. */
export function engineHandlers(manager: SessionManager, info: HostInfo): Handlers {
  const ok = { ok: true } as const;
  return {
    'session.create': async (params) => ({ sessions: await manager.create(params) }),
    'session.list': () => ({ sessions: manager.list() }),
    'session.get': ({ id }) => manager.get(id),
    'session.events': ({ id }) => ({ events: manager.history(id) }),
    'session.agentEvents': ({ id, after, limit }) => ({ events: manager.agentEvents(id, after, limit) }),
    'session.screen': ({ id }) => manager.screen(id),
    'session.send': async ({ id, text, enter }) => {
      await manager.send(id, text, enter);
      return ok;
    },
    'session.input': ({ id, data }) => {
      manager.input(id, data);
      return ok;
    },
    'session.resize': ({ id, cols, rows }) => {
      manager.resize(id, cols, rows);
      return ok;
    },
    'session.approve': ({ id }) => manager.approve(id),
    'session.deny': ({ id }) => manager.deny(id),
    'session.choose': ({ id, option }) => manager.choose(id, option),
    'session.pause': ({ ids }) => manager.pause(ids),
    'session.resume': ({ ids }) => manager.resume(ids),
    'session.kill': ({ ids }) => manager.kill(ids),
    'session.restart': ({ ids }) => manager.restart(ids),
    'session.remove': async ({ id, force }) => {
      await manager.remove(id, force);
      return ok;
    },
    // The snapshot and the start of the live stream must meet exactly: follow in the same tick the
    // snapshot is taken (screen() returns right after serializing, before any further output event).
    'session.update': ({ id, name, autoYes }) => manager.update(id, { name, autoYes }),
    'session.archive': ({ id, archived }) => manager.archive(id, archived),
    'session.ack': ({ id, chars }, client) => {
      client.ack(id, chars);
      return ok;
    },
    'session.subscribe': async ({ id, ack }, client) => {
      const snapshot = await manager.screen(id);
      client.follow(snapshot.id, ack);
      return snapshot;
    },
    'session.unsubscribe': ({ id }, client) => {
      client.unfollow(manager.get(id).id);
      return ok;
    },
    'session.previews': async ({ ids }) => ({ previews: await manager.previews(ids) }),
    'session.stats': ({ id }) => manager.stats(id),
    'usage.report': ({ by, ids }) => manager.usageReport(by, ids),
    'providers.list': async () => ({ providers: await manager.providerInfo() }),
    'repo.inspect': ({ repoPath }) => manager.repos.inspect(repoPath),
    'repo.recent': () => ({ repos: manager.repos.recent() }),
    'settings.get': () => manager.settings(),
    'settings.set': (patch) => manager.updateSettings(patch),
    'host.info': async () => ({
      version: info.version,
      pid: process.pid,
      dataDir: manager.dataDir,
      startedAt: info.startedAt,
      nativeDialogs: info.dialogs !== undefined,
      openTools: info.opener !== undefined,
      workingDir: info.workingDir ?? process.cwd(),
      firstRunRepo: await manager.repos.firstRun(info.workingDir ?? process.cwd()),
    }),
    'repo.createSample': async () => ({ path: await manager.repos.createSample() }),
    ...gitHandlers(manager),
    ...profileHandlers(manager),
    ...dialogHandlers(info.dialogs),
    ...openHandlers(manager, info.opener),
    ...importHandlers(manager),
    ...coordinationHandlers(manager),
    ...validationHandlers(manager),
    ...reviewCommentHandlers(manager),
    ...conflictHandlers(manager),
    ...mergeQueueHandlers(manager),
    ...worktreeCostHandlers(manager),
  };
}
