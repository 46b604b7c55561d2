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
