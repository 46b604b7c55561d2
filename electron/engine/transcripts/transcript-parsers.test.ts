import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { patchFiles } from './codex-entries.js';
import { transcriptEvents } from './transcript-parsers.js';

/** Recorded from the real CLIs against the scripted model (record-transcripts.test.ts). */
function fixture(name: string): unknown[] {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);
}

describe('transcript parsers', () => {
  it('Claude Code 2.1.197: prompt, text, Write, its result and the file it created, in order, once each', () => {
    const parse = transcriptEvents('claude')!;
    const events = parse(fixture('claude-write.jsonl'));
    expect(events.map((e) => [e.kind, e.text ?? e.path ?? e.tool])).toEqual([
      ['message.user', 'make hello'],
      ['message.assistant', 'Writing it.'],
      ['tool.invoked', '/tmp/flotilla-test/repo/hello.txt'],
      ['tool.completed', expect.stringContaining('File created successfully')],
      ['file.created', '/tmp/flotilla-test/repo/hello.txt'],
      ['message.assistant', 'Done with hello.txt.'],
    ]);
    const invoked = events[2]!;
    expect(invoked).toMatchObject({ tool: 'Write', callId: 'toolu_scripted_1' });
    expect(JSON.parse(invoked.input!)).toEqual({ file_path: '/tmp/flotilla-test/repo/hello.txt', content: 'hi\n' });
    expect(events[3]).toMatchObject({ callId: 'toolu_scripted_1', outcome: 'ok' });
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
  });

  it('Claude Code: an assistant block written twice (same message id, same text) is one message', () => {
    const entries = fixture('claude-write.jsonl');
    const text = entries.find((e) => JSON.stringify(e).includes('"Writing it."'))!;
    const keys = transcriptEvents('claude')!([text, structuredClone(text)]).map((e) => e.key);
    expect(new Set(keys).size).toBe(1);
  });

  it('Claude Code: a refused tool call completes as denied, with no file event', () => {
    const events = transcriptEvents('claude')!([
      {
        type: 'user',
        uuid: 'u1',
        timestamp: '2026-12-07T19:30:24.461Z',
        toolUseResult: 'User rejected tool use',
        message: {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_9',
              is_error: true,
              content: "The user doesn't want to proceed with this tool use. The tool use was rejected.",
            },
          ],
        },
      },
    ]);
    expect(events.map((e) => [e.kind, e.outcome])).toEqual([['tool.completed', 'denied']]);
  });

  it('Codex 0.171: prompt (not its injected context), the command, its exit, the reply', () => {
    const events = transcriptEvents('codex')!(fixture('codex-exec.jsonl'));
    expect(events.map((e) => [e.kind, e.text?.slice(0, 80) ?? e.tool])).toEqual([
      ['message.user', 'make hello'],
      ['tool.invoked', 'exec_command'],
      ['tool.completed', expect.stringContaining('Process exited with code 0')],
      ['message.assistant', 'Done with hello.txt.'],
    ]);
    expect(events[1]).toMatchObject({ callId: 'toolu_scripted_0', input: '{"cmd":"echo hi > hello.txt"}' });
    expect(events[2]).toMatchObject({ callId: 'toolu_scripted_0', tool: 'exec_command', outcome: 'ok' });
  });

  it('Codex: a failing command is an error; a successful apply_patch names the files it changed', () => {
    const parse = transcriptEvents('codex')!;
    const item = (payload: object) => ({ timestamp: '2026-12-07T19:34:41.000Z', type: 'response_item', payload });
    const patch =
      '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** Update File: b.txt\n@@\n-x\n+y\n*** Delete File: c.txt\n*** End Patch';
    const events = parse([
      item({ type: 'function_call', name: 'exec_command', arguments: '{"cmd":"false"}', call_id: 'c1' }),
      item({ type: 'function_call_output', call_id: 'c1', output: 'Process exited with code 1\nOutput:\n' }),
      item({ type: 'custom_tool_call', name: 'apply_patch', input: patch, call_id: 'c2' }),
      item({ type: 'custom_tool_call_output', call_id: 'c2', output: 'Success. Updated the following files:' }),
    ]);
    expect(events.map((e) => [e.kind, e.outcome ?? e.path])).toEqual([
      ['tool.invoked', null],
      ['tool.completed', 'error'],
      ['tool.invoked', null],
      ['tool.completed', 'ok'],
      ['file.created', 'a.txt'],
      ['file.modified', 'b.txt'],
      ['file.deleted', 'c.txt'],
    ]);
    expect(patchFiles('no patch')).toEqual([]);
  });

  it('CLIs without a transcript have no parser', () => {
    expect(transcriptEvents('aider')).toBeNull();
  });
});
