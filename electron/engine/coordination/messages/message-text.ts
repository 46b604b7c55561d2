import type { MessageRecord } from '../../../store/message-repository.js';

/**
 * What is typed into the target: one line saying who sent it, e.g. `[message from w1 (ab12cd34)] done`.
 * Control characters (and line breaks) become spaces: a message is text for the agent to read, never keys
 * (any session may message any other, so an ESC or a Ctrl-C in it must not drive the target's terminal).
 */
export function deliveryLine(message: MessageRecord, providerId: string): string {
  const from = message.senderId ? `${message.senderName} (${message.senderId.slice(0, 8)})` : message.senderName;
  // eslint-disable-next-line no-control-regex
  const line = `[message from ${from}] ${message.text}`.replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ').trim();
  // A shell would run the words as a command (and expand $(…) in them): give it a no-op with the line quoted.
  if (providerId === 'shell') return `: '${line.replaceAll("'", `'\\''`)}'`;
  return line;
}
