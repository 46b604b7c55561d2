#!/usr/bin/env node
// `npm start`: launches the desktop app. Without an Electron binary (none bundled in the npm package, and
// none downloadable offline) it says so in one line and points to the headless host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const fail = (why) => {
  process.stderr.write(`flotilla: cannot start the desktop app: ${why}. Run \`npm run serve\` for the headless host and open its URL in a browser.\n`);
  process.exit(1);
};

let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  fail('the electron package is not installed (run `npm install`)');
}

function binaryPath() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

let binary = binaryPath();
if (!binary && process.env.FLOTILLA_NO_ELECTRON_DOWNLOAD) fail('the Electron binary is not installed (download disabled by FLOTILLA_NO_ELECTRON_DOWNLOAD)');
if (!binary) {
  process.stdout.write('Electron binary missing; trying to download it once…\n');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  binary = result.status === 0 ? binaryPath() : undefined;
  if (!binary) fail('the Electron binary is not installed and could not be downloaded (is Electron\'s download server reachable?)');
}

const rebuild = spawnSync(process.execPath, [path.join('scripts', 'rebuild-native-for-electron.js')], { stdio: 'inherit' });
if (rebuild.status !== 0) fail('native modules could not be rebuilt for Electron (see above)');

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
