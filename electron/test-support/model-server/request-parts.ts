/**
 * Pieces of the OpenAI-shaped request bodies (Responses and Chat Completions) that both encoders read the same
 * way.
 */

/** A message's content as text: a string, or the `text` of each part of a part list, one per line. */
export function partsText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Record<string, unknown>[])
    .filter((part) => part && typeof part.text === 'string')
    .map((part) => part.text as string)
    .join('\n');
}

/** A function call's arguments: the JSON string parsed, or the value as sent when it is not JSON. */
export function parseArguments(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
