import { afterEach, describe, expect, it } from 'vitest';
import { chatCompletionsApi } from './chat-completions-stream.js';
import { apiError, startModelServer, text, toolCall, type ModelServer } from './model-server.js';

// The Chat Completions encoder behind the scripted model server over real HTTP, with bodies shaped as
// opencode 1.18 sends them through @ai-sdk/openai-compatible.

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOOLS = [{ type: 'function', function: { name: 'bash', parameters: { type: 'object' } } }];
const SYSTEM = { role: 'system', content: 'You are opencode' };

async function start(options: Parameters<typeof startModelServer>[0] = {}): Promise<ModelServer> {
  server = await startModelServer({ ...options, apis: { '/v1/chat/completions': chatCompletionsApi } });
  return server;
}

function ask(messages: object[], tools: object[] = TOOLS): Promise<Response> {
  return fetch(`${server!.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: JSON.stringify({
      model: 'scripted-model',
      stream: true,
      messages: [SYSTEM, ...messages],
      ...(tools.length > 0 ? { tools } : {}),
    }),
  });
}

type Chunk = { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: object };

async function chunks(res: Response): Promise<Chunk[]> {
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const frames = (await res.text()).split('\n\n').filter(Boolean);
  expect(frames.at(-1)).toBe('data: [DONE]');
  return frames.slice(0, -1).map((frame) => JSON.parse(frame.replace(/^data: /, '')) as Chunk);
}

describe('Chat Completions stream', () => {
  it('a text reply in content deltas, then finish_reason stop with usage, then [DONE]', async () => {
    await start({ rules: [{ when: 'say hello', reply: text('Hello from the script.', { chunkSize: 8 }) }] });
    const list = await chunks(await ask([{ role: 'user', content: 'say hello' }]));
    expect(list.map((c) => c.choices[0]!.delta.content ?? '').join('')).toBe('Hello from the script.');
    expect(list.at(-1)).toMatchObject({
      choices: [{ finish_reason: 'stop' }],
      usage: { prompt_tokens: 100, completion_tokens: 6, total_tokens: 106 },
    });
  });

  it('a tool call in tool_calls deltas (id and name, then the arguments in pieces); the tool message comes back as its result', async () => {
    const command = { command: 'printf done > a-file-with-a-long-name.txt', description: 'Write a file' };
    await start({
      rules: [
        { when: 'make it', reply: toolCall('bash', command) },
        { when: (r) => r.toolResults.length > 0, reply: text('Done.') },
      ],
    });
    const list = await chunks(await ask([{ role: 'user', content: 'make it' }]));
    const calls = list.flatMap((c) => (c.choices[0]!.delta.tool_calls as Record<string, unknown>[] | undefined) ?? []);
    expect(calls[0]).toMatchObject({ index: 0, id: 'toolu_scripted_0', function: { name: 'bash', arguments: '' } });
    const args = calls.map((c) => (c.function as { arguments: string }).arguments).join('');
    expect(calls.length).toBeGreaterThan(2);
    expect(JSON.parse(args)).toEqual(command);
    expect(list.at(-1)!.choices[0]!.finish_reason).toBe('tool_calls');
    await chunks(
      await ask([
        { role: 'user', content: 'make it' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ id: 'toolu_scripted_0', type: 'function', function: { name: 'bash', arguments: args } }],
        },
        { role: 'tool', tool_call_id: 'toolu_scripted_0', content: 'ok' },
      ]),
    );
    const second = server!.modelRequests('chat')[1]!;
    expect(second).toMatchObject({ lastUserText: '', rule: 1 });
    expect(second.toolResults).toEqual([{ toolUseId: 'toolu_scripted_0', content: 'ok', isError: false }]);
    expect(second.messages.find((m) => m.role === 'assistant')!.toolCalls).toEqual([
      { id: 'toolu_scripted_0', name: 'bash', input: command },
    ]);
  });

  it('the title side request (no tools) gets the side reply, not a rule', async () => {
    await start({ rules: [{ when: 'title', reply: text('from a rule') }], sideReply: text('Scripted task') });
    const list = await chunks(
      await ask([{ role: 'user', content: 'Generate a title for this conversation: title' }], []),
    );
    expect(list.map((c) => c.choices[0]!.delta.content ?? '').join('')).toBe('Scripted task');
  });

  it('an API error as OpenAI sends it', async () => {
    await start({ rules: [{ when: 'fail', reply: apiError(400, 'invalid_request_error', 'Scripted failure') }] });
    const res = await ask([{ role: 'user', content: 'fail' }]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', message: 'Scripted failure' } });
  });
});
