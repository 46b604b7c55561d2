import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepStaleSnapshots } from './worktree-snapshot.js';

let root: string;

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('sweepStaleSnapshots', () => {
  it('removes the temporary indexes of dead hosts and old unowned ones, and nothing else', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'flotilla-sweep-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const make = (name: string) => {
      mkdirSync(path.join(root, name, 'inner'), { recursive: true });
      return path.join(root, name);
    };
    make(`flotilla-index-${dead}-a1b2c3`);
    make(`flotilla-index-${process.pid}-d4e5f6`);
    const old = make('flotilla-index-Xy12Zq');
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    make('flotilla-index-Fresh1');
    make(`other-${dead}-dir`);

    const removed = await sweepStaleSnapshots(root);

    expect(removed.map((d) => path.basename(d)).sort()).toEqual([`flotilla-index-${dead}-a1b2c3`, 'flotilla-index-Xy12Zq'].sort());
    expect(readdirSync(root).sort()).toEqual([`flotilla-index-${process.pid}-d4e5f6`, 'flotilla-index-Fresh1', `other-${dead}-dir`].sort());
  });
});
