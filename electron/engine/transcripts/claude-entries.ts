import {
  cut,
  draft,
  isRecord,
  shortHash,
  TEXT_MAX,
  timeOf,
  toolInput,
  type AgentEventDraft,
} from './agent-event-draft.js';

/** Text Claude Code puts in a user turn that the user did not type (slash commands, reminders, caveats). */
const NOT_TYPED = /^\s*<(command-|local-command|system-reminder|bash-|user-memory)/;
/** A tool result Claude Code writes when the user refused the call at its question. */
const DENIED = /doesn't want to (proceed|take this action)|user (rejected|denied)|tool use was rejected/i;

function blockText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => (isRecord(block) && block.type === 'text' && typeof block.text === 'string' ? block.text : ''))
    .filter(Boolean)
    .join('\n');
}

/**
 * Claude Code (2.1.197) transcript entries → events. `user` entries carry the typed prompt (content as a
 * string or text blocks) or tool_result blocks (tool_use_id, is_error), a Write's result also a
 * `toolUseResult` {type: create|update, filePath}; an Edit's {filePath, structuredPatch}. `assistant`
 * entries hold one content block each (text or tool_use {id, name, input}), several sharing a message id:
 * a text is keyed by message id and its hash, so one message is never recorded twice. Sidechain
 * (subagent) and meta entries are left out.
 */
export function claudeEvents(entry: unknown): AgentEventDraft[] {
  if (!isRecord(entry) || entry.isSidechain === true || entry.isMeta === true) return [];
  const message = entry.message;
  if (!isRecord(message)) return [];
  const at = timeOf(entry.timestamp);
  const uuid = typeof entry.uuid === 'string' ? entry.uuid : null;
  if (entry.type === 'user') return userEvents(entry, message.content, at, uuid);
  if (entry.type === 'assistant') return assistantEvents(message, at, uuid);
  return [];
}

function userEvents(
  entry: Record<string, unknown>,
  content: unknown,
  at: string,
  uuid: string | null,
): AgentEventDraft[] {
  const events: AgentEventDraft[] = [];
  const results = Array.isArray(content) ? content.filter((b) => isRecord(b) && b.type === 'tool_result') : [];
  for (const result of results as Record<string, unknown>[]) {
    const callId = typeof result.tool_use_id === 'string' ? result.tool_use_id : null;
    if (!callId) continue;
    const text = blockText(result.content);
    const outcome = result.is_error === true ? (DENIED.test(text) ? 'denied' : 'error') : 'ok';
    events.push(draft({ key: `tc:${callId}`, kind: 'tool.completed', at, callId, outcome, text: cut(text, 4000) }));
    const file = fileChange(entry.toolUseResult);
    if (file && outcome === 'ok')
      events.push(draft({ key: `f:${callId}`, kind: file.kind, at, callId, path: file.path }));
  }
  if (results.length > 0) return events;
  const text = blockText(content);
  if (!text.trim() || NOT_TYPED.test(text)) return events;
  const key = uuid ? `u:${uuid}` : `u:${shortHash(`${at}\n${text}`)}`;
  events.push(draft({ key, kind: 'message.user', at, text: cut(text, TEXT_MAX) }));
  return events;
}

/** Write says create / update; Edit and MultiEdit results carry the file and its patch. */
function fileChange(result: unknown): { kind: 'file.created' | 'file.modified'; path: string } | null {
  if (!isRecord(result) || typeof result.filePath !== 'string') return null;
  if (result.type === 'create') return { kind: 'file.created', path: result.filePath };
  if (result.type === 'update' || 'structuredPatch' in result || 'oldString' in result)
    return { kind: 'file.modified', path: result.filePath };
  return null;
}

function assistantEvents(message: Record<string, unknown>, at: string, uuid: string | null): AgentEventDraft[] {
  const events: AgentEventDraft[] = [];
  const messageId = typeof message.id === 'string' ? message.id : uuid;
  const content = Array.isArray(message.content) ? message.content : [];
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string' && block.text.trim()) {
      const key = `a:${messageId ?? 'none'}:${shortHash(block.text)}`;
      events.push(draft({ key, kind: 'message.assistant', at, text: cut(block.text, TEXT_MAX) }));
    } else if (block.type === 'tool_use' && typeof block.id === 'string') {
      const tool = typeof block.name === 'string' ? block.name : '?';
      const { input, path } = toolInput(block.input);
      events.push(draft({ key: `ti:${block.id}`, kind: 'tool.invoked', at, tool, callId: block.id, input, path }));
    }
  }
  return events;
}
