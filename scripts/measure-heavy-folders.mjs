#!/usr/bin/env node
// Heavy folders (issue 15): what bringing a big node_modules into a new worktree costs, per method.
// Usage: node scripts/measure-heavy-folders.mjs --dir DIR [--source REPO] [--npm-ci]
//   DIR     where the temp repo and its worktrees go (its filesystem decides whether reflink works)
//   REPO    whose node_modules, package.json and package-lock.json are used (default: this repository)
//   --npm-ci  also time `npm ci --ignore-scripts --prefer-offline` from REPO's lockfile in a fresh worktree
// Prints one row per method: wall time, space the filesystem lost (statfs, after sync), and du's figure.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, statfs, symlink } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const { values } = parseArgs({
  options: { dir: { type: 'string' }, source: { type: 'string' }, 'npm-ci': { type: 'boolean' } },
});
if (!values.dir) throw new Error('--dir DIR is required');
const source = path.resolve(values.source ?? new URL('..', import.meta.url).pathname);

async function freeBytes(dir) {
  await run('sync');
  const fs = await statfs(dir);
  return fs.bavail * fs.bsize;
}

async function duBytes(dir) {
  const { stdout } = await run('du', ['-s', '-B1', '--', dir], { maxBuffer: 1 << 20 });
  return Number(stdout.split('\t')[0]);
}

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

async function measure(name, root, action) {
  const before = await freeBytes(root);
  const started = performance.now();
  const target = await action();
  const ms = Math.round(performance.now() - started);
  const used = Math.max(0, before - (await freeBytes(root)));
  const du = await duBytes(target);
  return { method: name, ms, diskUsedMB: Number(mb(used)), duMB: Number(mb(du)) };
}

const root = await mkdtemp(path.join(path.resolve(values.dir), 'heavy-'));
try {
  const { stdout: fsType } = await run('stat', ['-f', '-c', '%T', root]);
  const repo = path.join(root, 'repo');
  await mkdir(repo);
  await run('git', ['init', '-q', '-b', 'main', repo]);
  for (const file of ['package.json', 'package-lock.json'])
    await copyFile(path.join(source, file), path.join(repo, file));
  await run('git', ['-C', repo, 'add', '.']);
  await run('git', ['-C', repo, '-c', 'user.name=m', '-c', 'user.email=m@x', 'commit', '-q', '-m', 'lockfile']);
  // The repository's own install: a plain copy of the source's node_modules.
  await run('cp', ['-a', '--', path.join(source, 'node_modules'), path.join(repo, 'node_modules')]);
  const folder = path.join(repo, 'node_modules');
  const size = await duBytes(folder);
  const worktree = async (name) => {
    const dir = path.join(root, `wt-${name}`);
    await run('git', ['-C', repo, 'worktree', 'add', '-q', '-b', name, dir]);
    return dir;
  };

  const rows = [];
  let dir = await worktree('clone');
  rows.push(
    await measure('clone (cp --reflink=auto -a)', root, async () => {
      await run('cp', ['--reflink=auto', '-a', '--', folder, path.join(dir, 'node_modules')]);
      return path.join(dir, 'node_modules');
    }),
  );
  dir = await worktree('plain');
  rows.push(
    await measure('plain copy (cp -a --reflink=never)', root, async () => {
      await run('cp', ['--reflink=never', '-a', '--', folder, path.join(dir, 'node_modules')]);
      return path.join(dir, 'node_modules');
    }),
  );
  dir = await worktree('symlink');
  rows.push(
    await measure('symlink', root, async () => {
      await symlink(folder, path.join(dir, 'node_modules'));
      return path.join(dir, 'node_modules');
    }),
  );
  if (values['npm-ci']) {
    dir = await worktree('npmci');
    rows.push(
      await measure('npm ci --ignore-scripts --prefer-offline', root, async () => {
        await run('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
          cwd: dir,
          maxBuffer: 16 << 20,
        });
        return path.join(dir, 'node_modules');
      }),
    );
  }
  console.log(`filesystem ${fsType.trim()} at ${root}; node_modules of ${source}: ${mb(size)} MB (du)`);
  console.table(rows);
  console.log(JSON.stringify({ filesystem: fsType.trim(), sourceMB: Number(mb(size)), rows }));
} finally {
  await rm(root, { recursive: true, force: true });
}
