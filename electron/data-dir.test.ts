import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secureDataDir } from './data-dir.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'flotilla-data-dir-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('secureDataDir', () => {
  it('creates a missing data directory 0700 and narrows an existing 0755 one', async () => {
    const fresh = path.join(root, 'a', 'b');
    await secureDataDir(fresh);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const wide = path.join(root, 'wide');
    mkdirSync(wide);
    chmodSync(wide, 0o755);
    await secureDataDir(wide);
    expect(statSync(wide).mode & 0o777).toBe(0o700);
  });

  it('refuses a shared folder such as /tmp instead of closing it to everyone else', async () => {
    const shared = path.join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    await expect(secureDataDir(shared)).rejects.toThrow(/is shared \(mode 1777\); choose a folder of its own/);
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
  });

  it.runIf(process.platform === 'linux')(
    'refuses a directory it cannot make private, naming it and its mode',
    async () => {
      // /proc/self is 0555 and its mode cannot be changed, not even by root.
      await expect(secureDataDir('/proc/self')).rejects.toThrow(
        /the data directory \/proc\/self has mode 0555 and could not be made 0700 \(EPERM\); run `chmod 700/,
      );
    },
  );
});
