import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeProjectName } from '../../providers/claude.js';
import { findConversations, type FindOptions } from './find-conversations.js';

// Transcripts recorded from the real CLIs against the scripted model (two prompts each, the second a
// resume): Claude Code 2.1.197 `-p`, Codex 0.171 `exec`. /REPO and /HOME stand for the folders they ran in.
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const CLAUDE_ID = '0e356f60-c2d7-4b29-b3ff-895cbe981e1a';
const CODEX_ID = '01a25200-8c7e-7a63-be75-be3c477f1622';

let dir: string;
let repo: string;
let claudeDir: string;
let codexHome: string;
let worktrees: string;

function fixture(name: string, cwd: string, id?: string): string {
  let text = readFileSync(path.join(FIXTURES, name), 'utf8').split('/REPO').join(cwd).split('/HOME').join(dir);
  if (id) text = text.split(name.startsWith('claude') ? CLAUDE_ID : CODEX_ID).join(id);
  return text;
}

/** Writes a transcript where Claude Code keeps one for `cwd`, dated `minutesAgo`. */
function claudeFile(cwd: string, id: string, text: string, minutesAgo = 0): string {
  const folder = path.join(claudeDir, 'projects', claudeProjectName(cwd));
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${id}.jsonl`);
  writeFileSync(file, text);
  const at = new Date(Date.now() - minutesAgo * 60_000);
  utimesSync(file, at, at);
  return file;
}

function codexFile(id: string, text: string, minutesAgo = 0, day = '07'): string {
  const folder = path.join(codexHome, 'sessions', '2026', '12', day);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `rollout-2026-12-${day}T10-00-00-${id}.jsonl`);
  writeFileSync(file, text);
  const at = new Date(Date.now() - minutesAgo * 60_000);
  utimesSync(file, at, at);
  return file;
}

function find(extra: Partial<FindOptions> = {}) {
  return findConversations({
    repo,
    claudeDir,
    codexHome,
    sessions: [],
    worktreeRoots: [worktrees],
    limit: 50,
    ...extra,
  });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'flotilla-import-'));
  repo = path.join(dir, 'repo');
  claudeDir = path.join(dir, '.claude');
  codexHome = path.join(dir, '.codex');
  worktrees = path.join(dir, 'data', 'worktrees');
  mkdirSync(repo);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('findConversations', () => {
  it('lists the real CLIs’ conversations of the repo with first prompt, times and message count, newest first', async () => {
    claudeFile(repo, CLAUDE_ID, fixture('claude-2.1.197.jsonl', repo), 5);
    codexFile(CODEX_ID, fixture('codex-0.171.jsonl', repo), 1);
    const { conversations, truncated, skipped } = await find();
    expect(conversations.map((c) => [c.agent, c.id, c.firstPrompt, c.messageCount, c.cwd, c.importedBy])).toEqual([
      ['codex', CODEX_ID, 'Explain the build script', 4, repo, null],
      ['claude', CLAUDE_ID, 'Explain the build script', 4, repo, null],
    ]);
    expect(conversations[1]!.startedAt).toMatch(/^2026-12-07T/);
    expect(Date.parse(conversations[0]!.updatedAt)).toBeGreaterThan(Date.parse(conversations[1]!.updatedAt));
    expect({ truncated, skipped }).toEqual({ truncated: false, skipped: 0 });
  });

  it('takes folders inside the repo, and leaves out siblings with the same prefix and other folders', async () => {
    const src = path.join(repo, 'src');
    claudeFile(src, 'c-src', fixture('claude-2.1.197.jsonl', src, 'c-src'));
    claudeFile(`${repo}-old`, 'c-sibling', fixture('claude-2.1.197.jsonl', `${repo}-old`, 'c-sibling'));
    codexFile('x-src', fixture('codex-0.171.jsonl', src, 'x-src'));
    codexFile('x-else', fixture('codex-0.171.jsonl', path.join(dir, 'elsewhere'), 'x-else'));
    const { conversations } = await find();
    expect(conversations.map((c) => c.id).sort()).toEqual(['c-src', 'x-src']);
  });

  it('leaves out what Flotilla ran itself and marks what it imported', async () => {
    const worktree = path.join(worktrees, 'repo', 'fix-abc123');
    const inRepoWorktree = path.join(repo, '.worktrees', 'w1');
    claudeFile(repo, 'c-imported', fixture('claude-2.1.197.jsonl', repo, 'c-imported'));
    claudeFile(inRepoWorktree, 'c-own', fixture('claude-2.1.197.jsonl', inRepoWorktree, 'c-own'));
    codexFile('x-own', fixture('codex-0.171.jsonl', worktree, 'x-own'));
    codexFile('x-free', fixture('codex-0.171.jsonl', repo, 'x-free'));
    const sessions = [
      {
        id: 's-import',
        provider: 'claude',
        conversationId: 'c-imported',
        worktreePath: path.join(worktrees, 'repo', 'i'),
      },
      { id: 's-own', provider: 'claude', conversationId: 'c-own', worktreePath: inRepoWorktree },
    ];
    const { conversations } = await find({ sessions });
    expect(conversations.map((c) => [c.id, c.importedBy]).sort()).toEqual([
      ['c-imported', 's-import'],
      ['x-free', null],
    ]);
  });

  it('skips subagent, summary-only and unreadable files without failing', async () => {
    const good = fixture('claude-2.1.197.jsonl', repo);
    claudeFile(repo, CLAUDE_ID, good);
    // Subagents: in the conversation's own folder (2.1.x), and older agent-*.jsonl marked as sidechains.
    const sub = path.join(claudeDir, 'projects', claudeProjectName(repo), CLAUDE_ID, 'subagents');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, 'agent-a1.jsonl'), good.replaceAll('"isSidechain":false', '"isSidechain":true'));
    claudeFile(repo, 'agent-old', good.replaceAll('"isSidechain":false', '"isSidechain":true'));
    claudeFile(repo, 'summary-only', '{"type":"summary","summary":"Build script","leafUuid":"u1"}\n');
    claudeFile(repo, 'not-json', 'this is not JSON\n\u0000\u0001binary\n');
    claudeFile(repo, 'empty', '');
    // Cut in its first line, and cut later (its first prompt is whole: still a conversation).
    claudeFile(repo, 'torn-early', good.slice(0, 40));
    claudeFile(repo, 'torn-late', fixture('claude-2.1.197.jsonl', repo, 'torn-late').slice(0, 6000));
    codexFile('x-torn', fixture('codex-0.171.jsonl', repo, 'x-torn').slice(0, 120));
    mkdirSync(path.join(claudeDir, 'projects', claudeProjectName(repo), 'folder.jsonl'));
    const { conversations, skipped } = await find();
    expect(conversations.map((c) => c.id).sort()).toEqual([CLAUDE_ID, 'torn-late'].sort());
    expect(skipped).toBe(4); // not-json, empty, torn-early, x-torn
  });

  it('is bounded: lists `limit` newest and says more exist; stops after maxHeads heads and maxFiles Codex files', async () => {
    for (let i = 0; i < 6; i++) claudeFile(repo, `c${i}`, fixture('claude-2.1.197.jsonl', repo, `c${i}`), i + 1);
    const limited = await find({ limit: 2 });
    expect(limited.conversations.map((c) => c.id)).toEqual(['c0', 'c1']);
    expect(limited.truncated).toBe(true);
    // Newer files of the repo that are no conversation (summaries): the scan stops at its bound of heads.
    for (let i = 0; i < 20; i++) claudeFile(repo, `summary${i}`, '{"type":"summary","summary":"s","leafUuid":"u"}\n');
    const bounded = await find({ maxHeads: 8 });
    expect(bounded.conversations).toEqual([]);
    expect(bounded.truncated).toBe(true);
    // Other projects' Codex rollouts are only glanced at (their cwd), not counted as heads read.
    for (let i = 0; i < 20; i++)
      codexFile(`other${i}`, fixture('codex-0.171.jsonl', path.join(dir, 'p'), `other${i}`), 0, '08');
    expect((await find({ maxHeads: 30 })).conversations.map((c) => c.id)).toHaveLength(6);
    expect((await find({ maxFiles: 5 })).truncated).toBe(true);
  });

  it('reads a Codex first line longer than the head (huge instructions): listed, its prompt unread', async () => {
    const [meta, ...rest] = fixture('codex-0.171.jsonl', repo).split('\n');
    const long = meta!.replace('"base_instructions":{"text":"', `"base_instructions":{"text":"${'x'.repeat(300_000)}`);
    codexFile('x-long', [long, ...rest].join('\n'));
    const { conversations, skipped } = await find();
    expect(conversations.map((c) => [c.id, c.cwd, c.firstPrompt, c.messageCount])).toEqual([[CODEX_ID, repo, '', 4]]);
    expect(skipped).toBe(0);
  });

  it('finds nothing (and fails not) when the CLIs never ran here', async () => {
    expect(await find()).toEqual({ conversations: [], truncated: false, skipped: 0 });
  });
});
