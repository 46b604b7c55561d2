#!/usr/bin/env node
// Builds better-sqlite3 against Electron's ABI into a separate folder (native/electron/), leaving the
// Node build in node_modules untouched so `npm test` and `flotilla serve` keep working. The Electron main
// process loads that copy through better-sqlite3's `nativeBinding` option. node-pty is N-API: no rebuild.
// Run by `npm start` and before packaging; never by `npm test`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const outDir = path.resolve('native', 'electron');
const target = path.join(outDir, 'better_sqlite3.node');
const stamp = path.join(outDir, 'electron-version');

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) process.exit(0);

const work = path.resolve('native', 'build-better-sqlite3');
rmSync(work, { recursive: true, force: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
process.stdout.write(`Building better-sqlite3 for Electron ${electronVersion}…\n`);
const result = spawnSync(
  process.execPath,
  [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
  { cwd: work, stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(outDir, { recursive: true });
cpSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
writeFileSync(stamp, electronVersion);
rmSync(work, { recursive: true, force: true });
