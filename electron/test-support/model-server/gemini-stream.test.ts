import { afterEach, describe, expect, it } from 'vitest';
import { geminiApi } from './gemini-stream.js';
import { apiError, startModelServer, text, toolCall, type ModelServer } from './model-server.js';

// The Gemini API encoder behind the scripted model server over real HTTP, with bodies shaped as Gemini CLI
// 0.61 sends them (a <session_context> part before the prompt, the model router's JSON side request).

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOOLS = [{ functionDeclarations: [{ name: 'run_shell_command', parameters: { type: 'OBJECT' } }] }];
const CONTEXT = { text: '<session_context>\nThis is the Gemini CLI.\n</session_context>' };

async function start(options: Parameters<typeof startModelServer>[0] = {}): Promise<ModelServer> {
  server = await startModelServer({ ...options, apis: { '/v1beta/models/*': geminiApi } });
  return server;
}

function ask(contents: object[], method = 'streamGenerateContent?alt=sse', tools: object[] = TOOLS): Promise<Response> {
  return fetch(`${server!.url}/v1beta/models/gemini-3.1-pro-preview:${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
    body: JSON.stringify({ contents, tools, generationConfig: {} }),
  });
}

type Chunk = {
  candidates: { content: { parts: Record<string, unknown>[] }; finishReason?: string }[];
  usageMetadata?: object;
};

async function chunks(res: Response): Promise<Chunk[]> {
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  return (await res.text())
    .split('\r\n\r\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.replace(/^data: /, '')) as Chunk);
}

describe('Gemini API stream', () => {
  it('a text reply in SSE chunks; the last has finishReason and usage; the prompt is read without the session context', async () => {
    await start({
      rules: [{ when: (r) => r.lastUserText === 'say hello', reply: text('Hello from the script.', { chunkSize: 8 }) }],
    });
    const list = await chunks(await ask([{ role: 'user', parts: [CONTEXT, { text: 'say hello' }] }]));
    const said = list.flatMap((c) => c.candidates[0]!.content.parts.map((p) => p.text ?? '')).join('');
    expect(said).toBe('Hello from the script.');
    expect(list.at(-1)).toMatchObject({
      candidates: [{ finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 6, totalTokenCount: 106 },
    });
    expect(server!.modelRequests('gemini')[0]).toMatchObject({
      lastUserText: 'say hello',
      toolsOffered: true,
      rule: 0,
    });
  });

  it('a tool call as a functionCall with the call id; its functionResponse comes back as the tool result', async () => {
    await start({
      rules: [
        { when: 'run it', reply: toolCall('run_shell_command', { command: 'ls' }) },
        { when: (r) => r.toolResults.length > 0, reply: text('Done.') },
      ],
    });
    const list = await chunks(await ask([{ role: 'user', parts: [{ text: 'run it' }] }]));
    const call = list.at(-1)!.candidates[0]!.content.parts[0]!.functionCall as {
      id: string;
      name: string;
      args: object;
    };
    expect(call).toEqual({ id: 'toolu_scripted_0', name: 'run_shell_command', args: { command: 'ls' } });
    const answer = await chunks(
      await ask([
        { role: 'user', parts: [{ text: 'run it' }] },
        { role: 'model', parts: [{ functionCall: call }] },
        {
          role: 'user',
          parts: [{ functionResponse: { id: call.id, name: call.name, response: { output: 'a.txt' } } }],
        },
      ]),
    );
    expect(answer[0]!.candidates[0]!.content.parts[0]!.text).toBe('Done.');
    const second = server!.modelRequests('gemini')[1]!;
    expect(second.lastUserText).toBe('');
    expect(second.toolResults).toEqual([{ toolUseId: 'toolu_scripted_0', content: 'a.txt', isError: false }]);
    expect(second.messages[1]).toMatchObject({ role: 'assistant', toolCalls: [{ name: 'run_shell_command' }] });
  });

  it('the router side request (generateContent, no tools) gets one JSON response with the side reply', async () => {
    await start({ sideReply: text('{"complexity_score":10}') });
    const res = await ask([{ role: 'user', parts: [{ text: 'route me' }] }], 'generateContent', []);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Chunk;
    expect(body.candidates[0]!.content.parts[0]!.text).toBe('{"complexity_score":10}');
  });

  it('an API error as Google sends it: its status and {error: {code, message, status}}', async () => {
    await start({ rules: [{ when: 'fail', reply: apiError(429, 'RESOURCE_EXHAUSTED', 'Scripted quota') }] });
    const res = await ask([{ role: 'user', parts: [{ text: 'fail' }] }]);
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ error: { code: 429, message: 'Scripted quota', status: 'RESOURCE_EXHAUSTED' } });
  });
});
