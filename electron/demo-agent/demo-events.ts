import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The demo agent's conversation as a transcript in Claude Code's form (one JSON entry per line: user /
 * assistant entries with text, tool_use and tool_result blocks, a Write's `toolUseResult`), written to
 * `demo-events-<conversation id>.jsonl` in its state folder, so Flotilla reads it as it reads Claude Code's.
 */
export class DemoEvents {
  private calls = 0;

  constructor(private readonly file: string | undefined) {
    if (file) mkdirSync(path.dirname(file), { recursive: true });
  }

  static in(stateDir: string | undefined, id: string | undefined): DemoEvents {
    return new DemoEvents(stateDir && id ? path.join(stateDir, `demo-events-${id}.jsonl`) : undefined);
  }

  userText(text: string): void {
    this.append({ type: 'user', message: { role: 'user', content: text } });
  }

  /** A reply: its text, then a tool call (one entry per block, one message id, as Claude Code writes them). */
  assistant(text: string, tool?: { name: string; input: Record<string, unknown> }): string | undefined {
    const id = `msg_demo_${randomUUID()}`;
    if (text) this.append({ type: 'assistant', message: { id, role: 'assistant', content: [{ type: 'text', text }] } });
    if (!tool) return undefined;
    const callId = `toolu_demo_${++this.calls}_${randomUUID().slice(0, 8)}`;
    const block = { type: 'tool_use', id: callId, name: tool.name, input: tool.input };
    this.append({ type: 'assistant', message: { id, role: 'assistant', content: [block] } });
    return callId;
  }

  toolResult(callId: string, content: string, isError: boolean, toolUseResult?: Record<string, unknown>): void {
    const block = { type: 'tool_result', tool_use_id: callId, content, is_error: isError };
    this.append({
      type: 'user',
      message: { role: 'user', content: [block] },
      ...(toolUseResult ? { toolUseResult } : {}),
    });
  }

  private append(entry: Record<string, unknown>): void {
    if (!this.file) return;
    const line = { ...entry, uuid: randomUUID(), timestamp: new Date().toISOString() };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}
