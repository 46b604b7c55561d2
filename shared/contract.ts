import { z } from 'zod';
import {
  BatchResult,
  CreateSessionRequest,
  PromptQuestion,
  ScreenSnapshot,
  Session,
  SessionEvent,
  SessionRef,
  SessionRefs,
  SessionStatus,
} from './session.js';
import { ProviderInfo, RecentRepo, RepoInfo, RepoInspectRequest } from './repo.js';
import { Settings, SettingsPatch } from './settings.js';
import { SessionPreviewsRequest, SessionPreviewsResult, SessionStats } from './session-insight.js';
import { gitEvents, gitMethods } from './git-methods.js';
import { profileMethods } from './provider-profile.js';
import { dialogMethods } from './native-dialog.js';
import { openMethods } from './worktree-open.js';
import { usageEvents, usageMethods } from './usage.js';
import { importMethods } from './imports.js';
import { agentEventEvents, agentEventMethods } from './agent-events.js';
import { coordinationEvents, coordinationMethods } from './coordination.js';
import { validationEvents, validationMethods } from './validation.js';
import { reviewCommentEvents, reviewCommentMethods } from './review-comments.js';
import { conflictEvents, conflictMethods } from './conflicts.js';
import { mergeQueueEvents, mergeQueueMethods } from './merge-queue.js';
import { worktreeCostEvents, worktreeCostMethods } from './worktree-costs.js';

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

/**
 * Every request method: its payload schema and its result schema.
 * Transports and clients are generic over this map; adding a method is one entry here plus one handler.
 */
export const methods = {
  'session.create': { request: CreateSessionRequest.strict(), response: z.object({ sessions: z.array(Session) }) },
  'session.list': { request: Empty, response: z.object({ sessions: z.array(Session) }) },
  'session.get': { request: SessionRef.strict(), response: Session },
  'session.events': { request: SessionRef.strict(), response: z.object({ events: z.array(SessionEvent) }) },
  'session.screen': { request: SessionRef.strict(), response: ScreenSnapshot },
  'session.send': {
    request: SessionRef.extend({ text: z.string().max(100_000), enter: z.boolean().default(true) }).strict(),
    response: Ok,
  },
  'session.input': { request: SessionRef.extend({ data: z.string().max(100_000) }).strict(), response: Ok },
  'session.resize': {
    request: SessionRef.extend({ cols: z.number().int().min(20).max(1000), rows: z.number().int().min(5).max(500) }).strict(),
    response: Ok,
  },
  'session.approve': { request: SessionRef.strict(), response: Session },
  'session.deny': { request: SessionRef.strict(), response: Session },
  /** Picks option k (1-based) of the question the session is waiting on. */
  'session.choose': { request: SessionRef.extend({ option: z.number().int().min(1).max(20) }).strict(), response: Session },
  'session.pause': { request: SessionRefs.strict(), response: BatchResult },
  'session.resume': { request: SessionRefs.strict(), response: BatchResult },
  'session.kill': { request: SessionRefs.strict(), response: BatchResult },
  /** Runs ended (completed, failed, cancelled) sessions again in their worktree and branch, resuming the conversation. */
  'session.restart': { request: SessionRefs.strict(), response: BatchResult },
  'session.remove': { request: SessionRef.extend({ force: z.boolean().default(false) }).strict(), response: Ok },
  'session.update': {
    request: SessionRef.extend({ name: z.string().trim().min(1).max(100).optional(), autoYes: z.boolean().optional() }).strict(),
    response: Session,
  },
  /** Archives a finished session out of the grid (`archived: false` brings it back); live sessions are refused. */
  'session.archive': { request: SessionRef.extend({ archived: z.boolean() }).strict(), response: Session },
  /** Output the client has rendered (from xterm's write callback): the flow-control acknowledgement. */
  'session.ack': { request: SessionRef.extend({ chars: z.number().int().min(0).max(1e9) }).strict(), response: Ok },
  /** The current screen, then this session's output as events; with `ack`, the client acknowledges what it rendered. */
  'session.subscribe': { request: SessionRef.extend({ ack: z.boolean().default(false) }).strict(), response: ScreenSnapshot },
  'session.unsubscribe': { request: SessionRef.strict(), response: Ok },
  /** Plain-text screens for the grid's previews, many sessions per call (cheap: no serialization). */
  'session.previews': { request: SessionPreviewsRequest, response: SessionPreviewsResult },
  /** CPU time, memory and process count of the agent's process tree. */
  'session.stats': { request: SessionRef.strict(), response: SessionStats },
  'providers.list': { request: Empty, response: z.object({ providers: z.array(ProviderInfo) }) },
  'repo.inspect': { request: RepoInspectRequest, response: RepoInfo },
  'repo.recent': { request: Empty, response: z.object({ repos: z.array(RecentRepo) }) },
  'settings.get': { request: Empty, response: Settings },
  'settings.set': { request: SettingsPatch, response: Settings },
  'host.info': {
    request: Empty,
    response: z.object({
      version: z.string(),
      pid: z.number().int(),
      dataDir: z.string(),
      startedAt: z.string(),
      /** Whether this transport offers native dialogs (`dialog.*`): the desktop app does, a browser does not. */
      nativeDialogs: z.boolean(),
      /** Whether `session.open` (editor / terminal on the host's desktop) works: only in the desktop app. */
      openTools: z.boolean(),
      /** The directory the host runs in. */
      workingDir: z.string(),
      /**
       * The repository the New session dialog offers on a first run: the one `workingDir` is in, unless it
       * is Flotilla's own checkout (then null, and the dialog offers `repo.createSample`).
       */
      firstRunRepo: z.string().nullable(),
    }),
  },
  /** Makes `<dataDir>/sample-repo` (a few files, one commit on `main`) on the first call; returns its path. */
  'repo.createSample': { request: Empty, response: z.object({ path: z.string() }) },
  ...gitMethods,
  ...profileMethods,
  ...dialogMethods,
  ...openMethods,
  ...usageMethods,
  ...importMethods,
  ...agentEventMethods,
  ...coordinationMethods,
  ...validationMethods,
  ...reviewCommentMethods,
  ...conflictMethods,
  ...mergeQueueMethods,
  ...worktreeCostMethods,
} as const;

export type MethodName = keyof typeof methods;
export type MethodRequest<M extends MethodName> = z.input<(typeof methods)[M]['request']>;
export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['request']>;
export type MethodResult<M extends MethodName> = z.output<(typeof methods)[M]['response']>;

/** Every event pushed to every connected client. */
export const events = {
  'session.created': z.object({ session: Session }),
  'session.status': z.object({ session: Session, from: SessionStatus.nullable() }),
  'session.updated': z.object({ session: Session }),
  'session.prompt': z.object({ id: z.string(), question: PromptQuestion }),
  'session.output': z.object({ id: z.string(), data: z.string() }),
  'session.exited': z.object({ id: z.string(), exitCode: z.number().int().nullable(), signal: z.number().int().nullable() }),
  'session.paused': z.object({ session: Session }),
  'session.resumed': z.object({ session: Session }),
  'session.removed': z.object({ id: z.string() }),
  /** The session needs a person: e.g. auto-yes refused to answer a dangerous question. */
  'session.attention': z.object({ id: z.string(), reason: z.string() }),
  'settings.changed': Settings,
  /** The desktop shell asks the dashboard to focus a session (e.g. its notification was clicked). */
  'ui.focusSession': z.object({ id: z.string() }),
  ...gitEvents,
  ...usageEvents,
  ...agentEventEvents,
  ...coordinationEvents,
  ...validationEvents,
  ...reviewCommentEvents,
  ...conflictEvents,
  ...mergeQueueEvents,
  ...worktreeCostEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
