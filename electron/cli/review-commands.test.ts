import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, runFlotilla, type CliRun } from '../test-support/cli-host.js';

// flotilla review: add drafts, list them in diff order, send them as one message, remove one.

const cli = useCliHost();
const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, cli.env());
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

describe('flotilla review', () => {
  it(
    'adds drafts, lists them in diff order, sends them once, removes one; bad input is a clear error',
    { timeout: 60_000 },
    async () => {
      const made = await ok('new', '--repo', cli.temp.repo, '--prompt', 'add a note', '--auto-yes', '--json');
      const [session] = JSON.parse(made) as { id: string; worktreePath: string }[];
      cli.seen.add(session!.id);
      const id = session!.id;
      await ok('wait', id, '--status', 'idle', '--timeout', '20');
      writeFileSync(path.join(session!.worktreePath, 'b.txt'), 'one\ntwo\nthree\n');
      writeFileSync(path.join(session!.worktreePath, 'a.txt'), 'alpha\n');

      const b = (await ok('review', id, '--file', 'b.txt', '--line', '2-3', 'rename', 'these')).trim();
      const a = (await ok('review', id, '--file', 'a.txt', '--line', '1', 'why alpha?')).trim();
      expect(b).toMatch(/^rc-[0-9a-f]{8}$/);
      const listed = await ok('review', id);
      expect(listed).toBe(`${a}  a.txt:1    draft        why alpha?\n${b}  b.txt:2-3  draft        rename these\n`);

      const past = await flotilla('review', id, '--file', 'a.txt', '--line', '2', 'x');
      expect(past.code).toBe(1);
      expect(past.stderr).toContain('a.txt has 1 lines; line 2 does not exist');
      expect((await flotilla('review', id, '--file', 'a.txt', '--line', '3-2', 'x')).code).toBe(2);
      expect((await flotilla('review', id, '--file', '../out.txt', '--line', '1', 'x')).stderr).toContain(
        'INVALID_PATH',
      );

      expect(await ok('review', id, '--send')).toMatch(/^sent 2 comments \(message \d+\)\n$/);
      const nothing = await flotilla('review', id, '--send');
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toContain('no draft review comments to send');

      writeFileSync(path.join(session!.worktreePath, 'a.txt'), 'ALPHA\n');
      const json = JSON.parse(await ok('review', id, '--json')) as { id: string; state: string; stale: boolean }[];
      expect(json.map((c) => [c.id, c.state, c.stale])).toEqual([
        [a, 'sent', true],
        [b, 'sent', false],
      ]);
      expect(await ok('review', id)).toContain(`${a}  a.txt:1    sent, stale  why alpha?`);
      expect(await ok('review', id, '--rm', a)).toBe(`removed ${a}; 1 left\n`);
    },
  );
});
