import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { claudeProjectName } from '../../providers/claude.js';
import { countLines, field, promptSummary, readHead, str } from './read-transcript.js';
import type { Candidate, HeadReading } from './conversation-candidate.js';

// Claude Code keeps each conversation in <config>/projects/<cwd, every non-alphanumeric as '-'>/<id>.jsonl
// (verified on 2.1.197). Subagent transcripts sit in <id>/subagents/ below it and are never listed.

/**
 * The transcripts of the repository's folder and, by name, of folders inside it ("<repo>-src"). The name
 * is lossy (a sibling "repo-old" has the same prefix), so the cwd recorded inside decides later.
 */
export async function claudeCandidates(configDir: string, repo: string): Promise<Candidate[]> {
  const projects = path.join(configDir, 'projects');
  const own = claudeProjectName(repo);
  const folders = (await readdir(projects, { withFileTypes: true }).catch(() => [])).filter(
    (entry) => entry.isDirectory() && (entry.name === own || entry.name.startsWith(`${own}-`)),
  );
  const found: Candidate[] = [];
  for (const folder of folders) {
    const dir = path.join(projects, folder.name);
    const files = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const file of files) {
      if (file.isFile() && file.name.endsWith('.jsonl'))
        found.push({ agent: 'claude', file: path.join(dir, file.name) });
    }
  }
  return found;
}

/** The text the user typed in a user entry; undefined for tool results and Claude Code's own wrappers. */
function typedText(entry: unknown): string | undefined {
  const content = field(entry, 'message', 'content');
  const text = Array.isArray(content)
    ? content
        .filter((block) => field(block, 'type') === 'text')
        .map((block) => str(field(block, 'text')) ?? '')
        .join(' ')
    : str(content);
  // "<command-name>/clear</command-name>", "<local-command-stdout>": a slash command's record, not a prompt.
  if (!text?.trim() || text.trimStart().startsWith('<')) return undefined;
  return text;
}

/**
 * Reads a transcript's head. Not a conversation: a sidechain (subagent) file, a summary-only file, one
 * without any prompt typed. Unreadable (no JSON line at all): `bad`.
 */
export async function readClaudeHead(file: string): Promise<HeadReading> {
  const { entries } = await readHead(file);
  if (entries.length === 0) return { kind: 'bad' };
  const id = path.basename(file, '.jsonl');
  let cwd: string | undefined;
  let startedAt: string | undefined;
  for (const entry of entries) {
    if (field(entry, 'isSidechain') === true) return { kind: 'other' };
    cwd ??= str(field(entry, 'cwd'));
    startedAt ??= str(field(entry, 'timestamp'));
    if (field(entry, 'type') !== 'user' || field(entry, 'isMeta') === true) continue;
    const text = typedText(entry);
    if (text && cwd)
      return { kind: 'conversation', id, cwd, startedAt: startedAt ?? '', firstPrompt: promptSummary(text) };
  }
  return { kind: 'other' };
}

/** User prompts and the agent's text replies (Claude Code writes one entry per content block). */
export function countClaudeMessages(file: string): Promise<number> {
  return countLines(file, (line) => {
    if (line.includes('"isSidechain":true') || line.includes('"isMeta":true')) return false;
    if (line.includes('"type":"assistant"')) return line.includes('"type":"text"');
    return line.includes('"type":"user"') && !line.includes('"tool_result"');
  });
}
