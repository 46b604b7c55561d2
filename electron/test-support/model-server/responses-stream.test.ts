import { afterEach, describe, expect, it } from 'vitest';
import { readHeldStream, sseEvents, type SseEvent as Event } from './read-stream.js';
import { apiError, stall, startModelServer, text, toolCall, type ModelServer } from './model-server.js';
import { responsesApi } from './responses-stream.js';

// The Responses API encoder behind the scripted model server over real HTTP, with request bodies shaped as
// Codex 0.171 sends them, read the way a Responses client reads the stream.

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOOLS = [{ type: 'function', name: 'exec_command', parameters: { type: 'object' } }];
const ENV = { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>…' }] };
const DEV = { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex' }] };
const user = (value: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text: value }] });

async function start(options: Parameters<typeof startModelServer>[0] = {}): Promise<ModelServer> {
  server = await startModelServer({ ...options, apis: { '/v1/responses': responsesApi } });
  return server;
}

function ask(input: object[], extra: object = {}): Promise<Response> {
  return fetch(`${server!.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ model: 'gpt-5-codex', stream: true, tools: TOOLS, input: [DEV, ENV, ...input], ...extra }),
  });
}

async function events(res: Response): Promise<Event[]> {
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  return sseEvents(res);
}

const items = (list: Event[]) =>
  list.filter((e) => e.type === 'response.output_item.done').map((e) => e.item as Record<string, unknown>);
const completed = (list: Event[]) =>
  (list.at(-1) as { type: string; response: { status: string; usage: Record<string, unknown> } }).response;

describe('Responses API stream', () => {
  it('a text reply: created, message item with its text in deltas, completed with deterministic usage', async () => {
    await start({ rules: [{ when: 'say hello', reply: text('Hello from the script.', { chunkSize: 5 }) }] });
    const list = await events(await ask([user('say hello')]));
    expect(list[0]!.type).toBe('response.created');
    expect(list.at(-1)!.type).toBe('response.completed');
    const deltas = list.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta);
    expect(deltas).toHaveLength(5);
    expect(deltas.join('')).toBe('Hello from the script.');
    expect(items(list)).toEqual([
      expect.objectContaining({
        type: 'message',
        role: 'assistant',
        content: [expect.objectContaining({ text: 'Hello from the script.' })],
      }),
    ]);
    // 22 characters → 6 tokens out; 100 in.
    expect(completed(list)).toMatchObject({
      status: 'completed',
      usage: { input_tokens: 100, output_tokens: 6, total_tokens: 106, input_tokens_details: { cached_tokens: 0 } },
    });
    expect(list.map((e) => e.sequence_number)).toEqual(list.map((_, i) => i));
  });

  it('a tool reply: a function_call item with call_id and JSON arguments (streamed in pieces)', async () => {
    const input = { cmd: 'echo hi > made.txt', sandbox_permissions: 'require_escalated', justification: 'Create it?' };
    await start({ rules: [{ when: /make a file/, reply: toolCall('exec_command', input) }] });
    const list = await events(await ask([user('please make a file')]));
    const [call] = items(list);
    expect(call).toMatchObject({ type: 'function_call', name: 'exec_command', call_id: 'toolu_scripted_0' });
    expect(JSON.parse(call!.arguments as string)).toEqual(input);
    const pieces = list.filter((e) => e.type === 'response.function_call_arguments.delta').map((e) => e.delta);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(call!.arguments);
  });

  it('parses what Codex sends back: the call, its output as tool results, earlier messages, no last user text', async () => {
    const s = await start({
      rules: [
        { when: (r) => r.toolResults.some((t) => t.content.includes('exited with code 0')), reply: text('Done.') },
      ],
    });
    const followUp = [
      user('please make a file'),
      { type: 'reasoning', summary: [] },
      { type: 'function_call', name: 'exec_command', arguments: '{"cmd":"echo hi"}', call_id: 'call_1' },
      { type: 'function_call_output', call_id: 'call_1', output: 'Process exited with code 0\nOutput:\n' },
    ];
    const list = await events(await ask(followUp));
    expect(items(list)[0]).toMatchObject({ content: [expect.objectContaining({ text: 'Done.' })] });
    const [request] = s.modelRequests('responses');
    expect(request).toMatchObject({
      api: 'responses',
      path: '/v1/responses',
      model: 'gpt-5-codex',
      stream: true,
      toolsOffered: true,
      lastUserText: '',
      rule: 0,
      toolResults: [{ toolUseId: 'call_1', content: 'Process exited with code 0\nOutput:\n', isError: false }],
    });
    expect(request!.messages.map((m) => m.role)).toEqual(['developer', 'user', 'user', 'assistant', 'user']);
    expect(request!.messages[3]!.toolCalls).toEqual([
      { id: 'call_1', name: 'exec_command', input: { cmd: 'echo hi' } },
    ]);
  });

  it('the thread-title request (no tools) gets the side reply and leaves the rules alone', async () => {
    const s = await start({ rules: [{ when: 'hello', reply: text('rule'), times: 1 }], sideReply: text('Say hello') });
    const title = await events(await ask([user('hello')], { tools: [] }));
    expect(items(title)[0]).toMatchObject({ content: [expect.objectContaining({ text: 'Say hello' })] });
    const turn = await events(await ask([user('hello')]));
    expect(items(turn)[0]).toMatchObject({ content: [expect.objectContaining({ text: 'rule' })] });
    expect(s.modelRequests().map((r) => r.rule)).toEqual([-1, 0]);
  });

  it('an API error is an HTTP error with an OpenAI error body', async () => {
    await start({ rules: [{ when: 'fail', reply: apiError(429, 'rate_limit_exceeded', 'slow down') }] });
    const res = await ask([user('fail please')]);
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({
      error: { type: 'rate_limit_exceeded', message: 'slow down', param: null, code: 'rate_limit_exceeded' },
    });
  });

  it('a stall sends response.created and holds the stream until released', async () => {
    const held = stall('after the stall');
    await start({ rules: [{ when: 'wait', reply: held.reply }] });
    const { first, heldBack, rest } = await readHeldStream(await ask([user('wait for it')]), held.release, 200);
    expect(first).toContain('event: response.created');
    expect(heldBack).toBe(true);
    expect(rest).toContain('after the stall');
    expect(rest).toContain('event: response.completed');
  });

  it('without stream: one JSON response with the output and usage', async () => {
    await start({ rules: [{ when: 'hi', reply: text('Hi.', { usage: { inputTokens: 7, cacheReadTokens: 3 } }) }] });
    const res = await ask([user('hi')], { stream: false });
    expect(await res.json()).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi.' }] }],
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 3 }, output_tokens: 1, total_tokens: 11 },
    });
  });
});
