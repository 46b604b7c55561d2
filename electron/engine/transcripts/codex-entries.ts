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

/** Context Codex injects as user turns (<environment_context>, <user_instructions>, AGENTS.md …). */
const INJECTED = /^\s*(<[a-z_]+>|# AGENTS\.md)/i;
const EXIT_CODE = /Process exited with code (\d+)/;
const DENIED = /\b(rejected|declined|denied) by (the )?user\b|user (rejected|declined|denied)/i;
/** apply_patch's envelope names each file it touches. */
const PATCH_FILE = /^\*\*\* (Add|Update|Delete) File: (.+)$/gm;

function contentText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .filter(Boolean)
    .join('\n');
}

function outcomeOf(output: string): 'ok' | 'error' | 'denied' {
  if (DENIED.test(output)) return 'denied';
  let text = output;
  try {
    const parsed = JSON.parse(output) as { metadata?: { exit_code?: unknown } };
    if (typeof parsed.metadata?.exit_code === 'number') return parsed.metadata.exit_code === 0 ? 'ok' : 'error';
  } catch {
    text = output;
  }
  const code = EXIT_CODE.exec(text)?.[1];
  return code === undefined || code === '0' ? 'ok' : 'error';
}

/** The files an apply_patch call names, with what it does to each. */
export function patchFiles(patch: string): { kind: AgentEventDraft['kind']; path: string }[] {
  const kinds = { Add: 'file.created', Update: 'file.modified', Delete: 'file.deleted' } as const;
  return [...patch.matchAll(PATCH_FILE)].map((m) => ({ kind: kinds[m[1] as keyof typeof kinds], path: m[2]!.trim() }));
}

/**
 * Codex (0.171) rollout entries → events: `response_item` payloads of type message (role user / assistant;
 * the user turns Codex injects itself, such as <environment_context>, left out), function_call {name,
 * arguments, call_id} and custom_tool_call {name, input, call_id}, and their *_output {call_id, output}.
 * File events come from apply_patch calls that succeeded (the patch names each file); a shell command that
 * writes a file is not seen as one. `calls` keeps each call's name and patch until its output arrives.
 */
export function codexEvents(
  entry: unknown,
  calls: Map<string, { tool: string; patch: string | null }>,
): AgentEventDraft[] {
  if (!isRecord(entry) || entry.type !== 'response_item' || !isRecord(entry.payload)) return [];
  const p = entry.payload;
  const at = timeOf(entry.timestamp);
  const callId = typeof p.call_id === 'string' ? p.call_id : null;
  if (p.type === 'message') {
    const text = contentText(p.content);
    if (!text.trim()) return [];
    const id = typeof p.id === 'string' ? p.id : shortHash(`${at}\n${text}`);
    if (p.role === 'user' && !INJECTED.test(text))
      return [draft({ key: `u:${id}`, kind: 'message.user', at, text: cut(text, TEXT_MAX) })];
    if (p.role === 'assistant')
      return [draft({ key: `a:${id}`, kind: 'message.assistant', at, text: cut(text, TEXT_MAX) })];
    return [];
  }
  if ((p.type === 'function_call' || p.type === 'custom_tool_call') && callId) {
    const tool = typeof p.name === 'string' ? p.name : '?';
    const raw = p.type === 'function_call' ? p.arguments : p.input;
    let args: unknown = raw;
    try {
      if (typeof raw === 'string' && p.type === 'function_call') args = JSON.parse(raw);
    } catch {
      args = raw;
    }
    const patch =
      tool === 'apply_patch'
        ? typeof args === 'string'
          ? args
          : isRecord(args) && typeof args.input === 'string'
            ? args.input
            : null
        : null;
    calls.set(callId, { tool, patch });
    const { input, path } = toolInput(args);
    return [draft({ key: `ti:${callId}`, kind: 'tool.invoked', at, tool, callId, input, path })];
  }
  if ((p.type === 'function_call_output' || p.type === 'custom_tool_call_output') && callId) {
    const output = typeof p.output === 'string' ? p.output : JSON.stringify(p.output ?? '');
    const outcome = outcomeOf(output);
    const call = calls.get(callId);
    calls.delete(callId);
    const events = [
      draft({
        key: `tc:${callId}`,
        kind: 'tool.completed',
        at,
        tool: call?.tool ?? null,
        callId,
        outcome,
        text: cut(output, 4000),
      }),
    ];
    if (call?.patch && outcome === 'ok') {
      for (const file of patchFiles(call.patch))
        events.push(
          draft({ key: `f:${callId}:${file.path}`, kind: file.kind, at, tool: call.tool, callId, path: file.path }),
        );
    }
    return events;
  }
  return [];
}
