import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportListResult } from '../../shared/imports.js';
import type { Session } from '../../shared/session.js';
import { claudeProjectName } from '../providers/claude.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, runFlotilla, screenMatching } from '../test-support/cli-host.js';
import {
  CLAUDE_FIXTURE_ID,
  CODEX_FIXTURE_ID,
  FIXTURE_PROMPT,
  seedClaudeConversation,
  seedCodexConversation,
  argsShown,
  standInAgent,
} from '../test-support/import-fixtures.js';
import { connect } from './connect.js';

// `flotilla import` against a real host whose HOME holds conversations recorded from the real CLIs. The
// agent is a stand-in (a profile's binary) that prints how it was started: the real CLIs' part is
// electron/providers/real-claude-import.test.ts.

const cli = useCliHost();
const home = () => path.join(cli.temp.dir, 'home');
const ownEnv = cli.env;
cli.env = () => {
  const { CLAUDE_CONFIG_DIR: _claude, CODEX_HOME: _codex, ...env } = ownEnv();
  return { ...env, HOME: home() };
};
const ok = (...args: string[]) => flotillaOk(args, cli.env());

async function profileFor(provider: string): Promise<string> {
  const client = await connect(cli.temp.dataDir);
  try {
    const profile = await client.invoke('profiles.create', {
      provider,
      name: `${provider} stand-in`,
      binaryPath: standInAgent(cli.temp.dir),
    });
    return profile.id;
  } finally {
    client.close();
  }
}

describe('flotilla import', () => {
  it('lists the Claude Code and Codex conversations of the repo, as JSON and as a table', async () => {
    mkdirSync(home());
    const claudeFile = seedClaudeConversation(home(), cli.temp.repo);
    seedCodexConversation(home(), path.join(cli.temp.repo, 'src'));
    seedCodexConversation(home(), path.join(cli.temp.dir, 'other-project'), '01a25200-0000-7000-8000-000000000000');
    const list = JSON.parse(await ok('import', '--repo', cli.temp.repo, '--json')) as ImportListResult;
    expect(list.repoPath).toBe(cli.temp.repo);
    expect(list.conversations.map((c) => [c.agent, c.id, c.firstPrompt, c.messageCount, c.importedBy]).sort()).toEqual([
      ['claude', CLAUDE_FIXTURE_ID, FIXTURE_PROMPT, 4, null],
      ['codex', CODEX_FIXTURE_ID, FIXTURE_PROMPT, 4, null],
    ]);
    expect(list.conversations.find((c) => c.agent === 'claude')?.file).toBe(claudeFile);
    const table = await ok('import', '--repo', cli.temp.repo);
    expect(table).toMatch(/AGENT\s+ID\s+UPDATED\s+MSGS\s+IMPORTED\s+FIRST PROMPT/);
    expect(table).toContain(`claude  ${CLAUDE_FIXTURE_ID}`);

    const notRepo = await runFlotilla(['import', '--repo', home()], cli.env());
    expect([notRepo.code, notRepo.stderr]).toEqual([
      1,
      expect.stringMatching(/NOT_A_REPO: .* is not inside a git repository/),
    ]);
    expect((await runFlotilla(['import', '--repo', cli.temp.repo, '--agent', 'gemini'], cli.env())).code).toBe(2);
    const unknown = await runFlotilla(['import', '--repo', cli.temp.repo, 'no-such-id'], cli.env());
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      expect.stringContaining('NOT_FOUND: no conversation no-such-id'),
    ]);
  });

  it('imports a Claude Code conversation into a new worktree, launching by --resume on a copy of its transcript', async () => {
    mkdirSync(home());
    const original = seedClaudeConversation(home(), cli.temp.repo);
    const before = readFileSync(original, 'utf8');
    const profile = await profileFor('claude');
    const session = JSON.parse(
      await ok('import', '--repo', cli.temp.repo, CLAUDE_FIXTURE_ID, '--profile', profile, '--json'),
    ) as Session;
    cli.seen.add(session.id);
    expect(session).toMatchObject({ provider: 'claude', conversationId: CLAUDE_FIXTURE_ID, status: 'running' });
    expect(session.name).toBe(FIXTURE_PROMPT);
    await screenMatching(cli.env(), session.id, argsShown('--resume', CLAUDE_FIXTURE_ID));
    const copy = path.join(
      home(),
      '.claude',
      'projects',
      claudeProjectName(session.worktreePath),
      `${CLAUDE_FIXTURE_ID}.jsonl`,
    );
    expect(readFileSync(copy, 'utf8')).toBe(before);
    expect(readFileSync(original, 'utf8')).toBe(before);
    expect(existsSync(path.join(session.worktreePath, 'README.md'))).toBe(true);

    const shown = JSON.parse(await ok('show', session.id, '--json')) as { events: { kind: string; detail: string }[] };
    expect(shown.events.find((e) => e.kind === 'note')?.detail).toContain(
      `imported Claude Code conversation ${CLAUDE_FIXTURE_ID}`,
    );
    const list = JSON.parse(await ok('import', '--repo', cli.temp.repo, '--json')) as ImportListResult;
    expect(list.conversations.map((c) => c.importedBy)).toEqual([session.id]);
    const twice = await runFlotilla(
      ['import', '--repo', cli.temp.repo, CLAUDE_FIXTURE_ID, '--profile', profile],
      cli.env(),
    );
    expect([twice.code, twice.stderr]).toEqual([
      1,
      expect.stringContaining(`already imported as session ${session.id}`),
    ]);
    await ok('kill', session.id);
  });

  it('imports the newest Codex conversation with --latest: codex resume <id>', async () => {
    mkdirSync(home());
    seedCodexConversation(home(), cli.temp.repo);
    const profile = await profileFor('codex');
    const session = JSON.parse(
      await ok('import', '--repo', cli.temp.repo, '--latest', '--agent', 'codex', '--profile', profile, '--json'),
    ) as Session;
    cli.seen.add(session.id);
    expect(session).toMatchObject({ provider: 'codex', conversationId: CODEX_FIXTURE_ID });
    await screenMatching(cli.env(), session.id, argsShown('resume', CODEX_FIXTURE_ID));
    await screenMatching(cli.env(), session.id, argsShown('-c', 'tui.resume_cwd="current"'));
    const none = await runFlotilla(['import', '--repo', cli.temp.repo, '--latest', '--agent', 'codex'], cli.env());
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('no codex conversation of')]);
    await ok('kill', session.id);
  });
});
