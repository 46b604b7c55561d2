/**
 * The engine's one door. Transports (electron/api handlers, the host, the Electron shell) and the CLI's host
 * reach the engine only through what this file exports: the SessionManager and the types its methods speak.
 * Everything under electron/engine/* is the engine's own (lint keeps it so: eslint.config.js).
 */
export { SessionManager, type OutputFlow, type SessionManagerOptions } from './session-manager.js';
export type { EventListener } from './event-hub.js';
export type { HookEvent, HookEventName, HookListener } from './hooks/hook-event.js';
export { USER_SENDER, FLOTILLA_SENDER, type Sender } from './coordination/sender.js';
export type { HostAddress } from './coordination/reach/agent-reach.js';
