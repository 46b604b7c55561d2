import type { AgentMessage, MessageMode } from '../../../../shared/coordination.js';
import { FlotillaError } from '../../../../shared/errors.js';
import type { Sender } from '../sender.js';

/** Durable messages between sessions (SQLite), delivered by mode; and watches that wake a waiting session. */
export class MessageService {
  send(_targetRef: string, _text: string, _mode: MessageMode, _sender: Sender): AgentMessage {
    throw new FlotillaError('UNSUPPORTED', 'messages are not built yet');
  }

  list(_ref: string): AgentMessage[] {
    throw new FlotillaError('UNSUPPORTED', 'messages are not built yet');
  }

  /** Messages to the session not delivered yet. */
  queue(_ref: string): AgentMessage[] {
    return [];
  }

  watch(_targetRef: string, _watcherRef: string, _seconds: number): void {
    throw new FlotillaError('UNSUPPORTED', 'watches are not built yet');
  }

  close(): void {}
}
