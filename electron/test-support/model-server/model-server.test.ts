import { afterEach, describe, expect, it } from 'vitest';
import { readHeldStream, sseEvents, type SseEvent as Event } from './read-stream.js';
import { apiError, stall, startModelServer, text, toolCall, type ModelServer } from './model-server.js';

// The scripted model server over real HTTP, read the way a client of the Messages API reads it.

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOOLS = [{ name: 'Write', input_schema: { type: 'object' } }];

function post(path: string, body: object): Promise<Response> {
  return fetch(`${server!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function ask(prompt: string | object[], extra: object = {}): Promise<Response> {
  const messages = typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
  return post('/v1/messages?beta=true', { model: 'claude-x', stream: true, tools: TOOLS, messages, ...extra });
}

/** Assembles a stream the way a client does: text and tool inputs from their deltas. */
function assemble(list: Event[]) {
  let textOut = '';
  let json = '';
  for (const e of list) {
    const delta = e.delta as { type?: string; text?: string; partial_json?: string } | undefined;
    if (delta?.type === 'text_delta') textOut += delta.text;
    if (delta?.type === 'input_json_delta') json += delta.partial_json;
  }
  const tool = list.find((e) => (e.content_block as { type?: string })?.type === 'tool_use')?.content_block;
  const end = list.find((e) => e.type === 'message_delta') as unknown as {
    delta: { stop_reason: string };
    usage: object;
  };
  return {
    text: textOut,
    tool,
    input: json ? JSON.parse(json) : undefined,
    stop: end?.delta.stop_reason,
    usage: end?.usage,
  };
}

describe('scripted model server (Anthropic Messages API)', () => {
  it('streams a matching text reply in order, with deterministic usage, and records the request', async () => {
    server = await startModelServer({ rules: [{ when: /hello/, reply: text('Hi there, friend.') }] });
    const res = await ask('say hello');
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const list = await sseEvents(res);
    expect(list.map((e) => e.type)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(assemble(list)).toMatchObject({ text: 'Hi there, friend.', stop: 'end_turn' });
    // 17 characters -> 5 tokens out; 100 in.
    expect(assemble(list).usage).toEqual({
      input_tokens: 100,
      output_tokens: 5,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
    expect(server.modelRequests()).toMatchObject([
      {
        api: 'anthropic',
        path: '/v1/messages',
        model: 'claude-x',
        lastUserText: 'say hello',
        toolsOffered: true,
        rule: 0,
      },
    ]);
  });

  it('answers with a tool call whose input streams in pieces; records the tool result sent back', async () => {
    const input = { file_path: '/tmp/x/hello.txt', content: 'a'.repeat(100) };
    server = await startModelServer({
      rules: [
        { when: 'make a file', reply: toolCall('Write', input, 'Writing it.'), times: 1 },
        { when: (r) => r.toolResults.length > 0, reply: text('Done.') },
      ],
    });
    const first = assemble(await sseEvents(await ask('please make a file')));
    expect(first).toMatchObject({ text: 'Writing it.', stop: 'tool_use', input });
    expect(first.tool).toMatchObject({ type: 'tool_use', name: 'Write', id: 'toolu_scripted_0' });

    const history = [
      { role: 'user', content: 'please make a file' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_scripted_0', name: 'Write', input }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_scripted_0', content: [{ type: 'text', text: 'File created' }] },
          { type: 'text', text: '<system-reminder>noise</system-reminder>' },
        ],
      },
    ];
    expect(assemble(await sseEvents(await ask(history))).text).toBe('Done.');
    const second = server.modelRequests()[1]!;
    expect(second.toolResults).toEqual([{ toolUseId: 'toolu_scripted_0', content: 'File created', isError: false }]);
    expect(second.lastUserText).toBe('');
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(second.messages[1]!.toolCalls).toEqual([{ id: 'toolu_scripted_0', name: 'Write', input }]);
    // `times: 1`: the same prompt again gets the default.
    expect(assemble(await sseEvents(await ask('please make a file'))).text).toBe('OK.');
  });

  it('gives side requests (no tools) the default without using up a rule', async () => {
    server = await startModelServer({ rules: [{ when: 'fix', reply: text('Fixed.'), times: 1 }] });
    const title = await post('/v1/messages', { model: 'm', messages: [{ role: 'user', content: 'fix it' }] });
    expect(((await title.json()) as { content: { text: string }[] }).content[0]!.text).toBe('Scripted session');
    expect(assemble(await sseEvents(await ask('fix it'))).text).toBe('Fixed.');
    expect(server.modelRequests().map((r) => [r.toolsOffered, r.rule])).toEqual([
      [false, -1],
      [true, 0],
    ]);
  });

  it('answers in the non-streaming JSON form when not asked to stream', async () => {
    server = await startModelServer({ rules: [{ when: 'go', reply: toolCall('Bash', { command: 'ls' }) }] });
    const res = await ask('go', { stream: false });
    expect(await res.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'Bash', input: { command: 'ls' } }],
      usage: { input_tokens: 100, output_tokens: 4 },
    });
  });

  it('fails with an API error of the given status and type; per-rule usage overrides', async () => {
    server = await startModelServer({
      rules: [
        { when: 'busy', reply: apiError(529, 'overloaded_error', 'Overloaded') },
        { when: 'count', reply: text('x', { usage: { inputTokens: 7, cacheReadTokens: 3 } }) },
      ],
    });
    const res = await ask('are you busy');
    expect(res.status).toBe(529);
    expect(await res.json()).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(assemble(await sseEvents(await ask('count'))).usage).toMatchObject({
      input_tokens: 7,
      output_tokens: 1,
      cache_read_input_tokens: 3,
    });
  });

  it('streams slowly when asked, and holds a stalled stream open until released', async () => {
    const held = stall('Finally.');
    server = await startModelServer({
      rules: [
        { when: 'slow', reply: text('0123456789abcdef', { chunkDelayMs: 30, chunkSize: 4 }) },
        { when: 'stall', reply: held.reply },
      ],
    });
    const started = Date.now();
    const slow = await sseEvents(await ask('slow'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 25);
    expect(slow.filter((e) => e.type === 'content_block_delta')).toHaveLength(4);

    const { first, heldBack, rest } = await readHeldStream(await ask('stall'), held.release, 300);
    expect(first).toContain('message_start');
    expect(heldBack).toBe(true);
    expect(rest).toContain('Finally.');
    expect(rest).toContain('message_stop');
  });

  it('answers count_tokens, model lists and HEAD harmlessly, and logs unknown paths', async () => {
    server = await startModelServer();
    expect(await (await post('/v1/messages/count_tokens', { messages: [] })).json()).toEqual({ input_tokens: 100 });
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200);
    expect((await fetch(server.url, { method: 'HEAD' })).status).toBe(200);
    expect((await post('/v1/responses', {})).status).toBe(404);
    expect((await fetch(`${server.url}/somewhere/else`)).status).toBe(404);
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.api}`)).toEqual([
      'POST /v1/messages/count_tokens other',
      'GET /v1/models other',
      'HEAD / other',
      'POST /v1/responses other',
      'GET /somewhere/else other',
    ]);
    expect(server.modelRequests()).toEqual([]);
  });

  it('waitForRequest resolves on a later request and names what came when it times out', async () => {
    server = await startModelServer();
    const later = server.waitForRequest((r) => r.lastUserText === 'ping', 5000);
    await ask('ping');
    expect((await later).lastUserText).toBe('ping');
    await expect(server.waitForRequest((r) => r.lastUserText === 'never', 100)).rejects.toThrow(/"ping"/);
  });
});
