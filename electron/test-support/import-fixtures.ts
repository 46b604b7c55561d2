import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { claudeProjectName } from '../providers/claude.js';

// Conversations as the real CLIs record them (engine/imports/fixtures: Claude Code 2.1.197 `-p`, Codex 0.171
// `exec`, two prompts each, /REPO and /HOME standing for where they ran), laid out in a HOME as the CLIs
// lay them out, for tests of `flotilla import` and the Import view.

const FIXTURES = fileURLToPath(new URL('../engine/imports/fixtures/', import.meta.url));
export const CLAUDE_FIXTURE_ID = '0e356f60-c2d7-4b29-b3ff-895cbe981e1a';
export const CODEX_FIXTURE_ID = '01a25200-8c7e-7a63-be75-be3c477f1622';
export const FIXTURE_PROMPT = 'Explain the build script';

function recorded(name: string, cwd: string, home: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8').split('/REPO').join(cwd).split('/HOME').join(home);
}

/** Claude Code's transcript of a conversation run in `cwd`: <home>/.claude/projects/<cwd as a name>/<id>.jsonl. */
export function seedClaudeConversation(home: string, cwd: string): string {
  const folder = path.join(home, '.claude', 'projects', claudeProjectName(cwd));
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${CLAUDE_FIXTURE_ID}.jsonl`);
  writeFileSync(file, recorded('claude-2.1.197.jsonl', cwd, home));
  return file;
}

/** Codex's rollout of a conversation run in `cwd`: <home>/.codex/sessions/2026/12/07/rollout-…-<id>.jsonl. */
export function seedCodexConversation(home: string, cwd: string, id = CODEX_FIXTURE_ID): string {
  const folder = path.join(home, '.codex', 'sessions', '2026', '12', '07');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `rollout-2026-12-07T19-34-57-${id}.jsonl`);
  writeFileSync(file, recorded('codex-0.171.jsonl', cwd, home).split(CODEX_FIXTURE_ID).join(id));
  return file;
}

/**
 * A stand-in agent CLI: prints the arguments it was started with, one a line (long ones, such as a hooks
 * setting, wrap on the screen), then waits as an agent at its prompt.
 */
export function standInAgent(dir: string): string {
  const file = path.join(dir, 'stand-in-agent.sh');
  writeFileSync(file, '#!/bin/sh\nprintf \'ARG %s\\n\' "$@"\nexec sleep 600\n', { mode: 0o755 });
  return file;
}

/** A screen pattern: the stand-in got these arguments one after the other. */
export function argsShown(...args: string[]): RegExp {
  const escaped = args.map((arg) => `ARG ${arg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return new RegExp(escaped.join('\n'), 'm');
}
