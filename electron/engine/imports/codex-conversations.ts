import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Candidate, HeadReading } from './conversation-candidate.js';
import { countLines, field, promptSummary, readHead, str } from './read-transcript.js';

/**
 * Codex keeps <CODEX_HOME>/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl (0.171), whatever folder it ran
 * in; the folder is in the first entry (session_meta). Newest first by name, at most `max` files: the
 * tree holds every conversation of every project, so the scan is bounded.
 */
export async function codexCandidates(codexHome: string, max: number): Promise<{ found: Candidate[]; more: boolean }> {
  const found: Candidate[] = [];
  const newestFirst = async (dir: string, test: (name: string) => boolean, dirs: boolean) =>
    (await readdir(dir, { withFileTypes: true }).catch(() => []))
      .filter((entry) => (dirs ? entry.isDirectory() : entry.isFile()) && test(entry.name))
      .map((entry) => entry.name)
      .sort()
      .reverse();
  const digits = (name: string) => /^\d+$/.test(name);
  const sessions = path.join(codexHome, 'sessions');
  for (const year of await newestFirst(sessions, digits, true)) {
    for (const month of await newestFirst(path.join(sessions, year), digits, true)) {
      for (const day of await newestFirst(path.join(sessions, year, month), digits, true)) {
        const dir = path.join(sessions, year, month, day);
        for (const name of await newestFirst(dir, (n) => /^rollout-.*\.jsonl$/.test(n), false)) {
          if (found.length >= max) return { found, more: true };
          found.push({ agent: 'codex', file: path.join(dir, name) });
        }
      }
    }
  }
  return { found, more: false };
}

/** A string field of the first line, when that line is too long to end within the head. */
function rawField(text: string, name: string): string | undefined {
  const match = new RegExp(`"${name}":("(?:[^"\\\\]|\\\\.)*")`).exec(text);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(match[1]) as string;
  } catch {
    return undefined;
  }
}

/** Where a rollout ran, from its first 8 KB (session_meta's leading fields): a cheap look before reading more. */
export async function readCodexCwd(file: string): Promise<string | undefined> {
  const { text } = await readHead(file, 8 * 1024);
  const firstLine = text.split('\n', 1)[0] ?? '';
  return firstLine.includes('"session_meta"') ? rawField(firstLine, 'cwd') : undefined;
}

/** The user's own text of an entry: Codex's injected context (`<environment_context>`, AGENTS.md) is not. */
function typedText(entry: unknown): string | undefined {
  const payload = field(entry, 'payload');
  const type = field(payload, 'type');
  let text: string | undefined;
  if (field(entry, 'type') === 'event_msg' && type === 'user_message') text = str(field(payload, 'message'));
  else if (type === 'item_completed' && field(payload, 'item', 'type') === 'UserMessage') {
    const content = field(payload, 'item', 'content');
    text = Array.isArray(content) ? content.map((part) => str(field(part, 'text')) ?? '').join(' ') : undefined;
  }
  if (!text?.trim() || text.trimStart().startsWith('<')) return undefined;
  return text;
}

/** Reads a rollout's head: session_meta gives the id, folder and start; the first user message the prompt. */
export async function readCodexHead(file: string): Promise<HeadReading> {
  const { entries, text, cut } = await readHead(file);
  const meta = entries.find((entry) => field(entry, 'type') === 'session_meta');
  // session_meta is the first line; if it did not end within the head, its leading fields still did.
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (!meta && !firstLine.includes('"session_meta"')) return entries.length ? { kind: 'other' } : { kind: 'bad' };
  const id = str(field(meta, 'payload', 'id')) ?? rawField(firstLine, 'id');
  const cwd = str(field(meta, 'payload', 'cwd')) ?? rawField(firstLine, 'cwd');
  if (!id || !cwd) return { kind: 'bad' };
  // A conversation a Codex agent spawned for itself is not one the user can pick up.
  if (/subagent/i.test(JSON.stringify(field(meta, 'payload', 'source') ?? ''))) return { kind: 'other' };
  const startedAt = str(field(meta, 'payload', 'timestamp')) ?? rawField(firstLine, 'timestamp') ?? '';
  for (const entry of entries) {
    const typed = typedText(entry);
    if (typed) return { kind: 'conversation', id, cwd, startedAt, firstPrompt: promptSummary(typed) };
  }
  // Instructions so long that the first prompt lies beyond the head: still a conversation, its prompt unread.
  return cut ? { kind: 'conversation', id, cwd, startedAt, firstPrompt: '' } : { kind: 'other' };
}

/** The user's and the agent's messages (0.171 records each as item_completed; older ones as *_message events). */
export async function countCodexMessages(file: string): Promise<number> {
  let items = 0;
  let events = 0;
  await countLines(file, (line) => {
    if (line.includes('"type":"UserMessage"') || line.includes('"type":"AgentMessage"')) items++;
    else if (line.includes('"type":"user_message"') || line.includes('"type":"agent_message"')) events++;
    return false;
  });
  return items || events;
}
