import { expect } from 'vitest';

/** One server-sent event: its `type` (which must match the frame's `event:` name) and its fields. */
export interface SseEvent {
  type: string;
  [key: string]: unknown;
}

/** Splits an SSE body into its events, checking each `event:` name matches its data's type. */
export async function sseEvents(res: Response): Promise<SseEvent[]> {
  const body = await res.text();
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const [, name] = /^event: (.+)$/m.exec(frame) ?? [];
      const data = JSON.parse(/^data: (.+)$/m.exec(frame)![1]!) as SseEvent;
      expect(data.type).toBe(name);
      return data;
    });
}

/**
 * Reads a stalled reply as a client would: the first chunk, then whether more arrives within `holdMs`
 * (it must not: the stall holds it), then, after `release()`, the rest until the stream ends.
 */
export async function readHeldStream(
  res: Response,
  release: () => void,
  holdMs: number,
): Promise<{ first: string; heldBack: boolean; rest: string }> {
  const reader = res.body!.getReader();
  const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
  const first = decode((await reader.read()).value);
  const more = reader.read();
  const early = await Promise.race([more.then(() => 'data'), new Promise((r) => setTimeout(() => r('held'), holdMs))]);
  release();
  let rest = decode((await more).value);
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decode(chunk.value);
  return { first, heldBack: early === 'held', rest };
}
