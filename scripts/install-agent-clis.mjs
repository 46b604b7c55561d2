#!/usr/bin/env node
// Installs the real agent CLIs the real-CLI suite drives, at the versions pinned in
// electron/test-support/agent-clis.json, each into its own folder of a cache OUTSIDE node_modules:
//   ${FLOTILLA_AGENT_CLIS_DIR:-${XDG_CACHE_HOME:-~/.cache}/flotilla/agent-clis}/<name>@<version>
// A folder already holding a working install is kept. Writes manifest.json there: per CLI the binary's
// path and `--version`, or why it could not be installed. Never fails for one CLI (exit 0), so CI runs
// on and the tests skip that CLI with the reason from the manifest.
//   node scripts/install-agent-clis.mjs [name ...]
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pins = JSON.parse(readFileSync(path.join(here, '..', 'electron', 'test-support', 'agent-clis.json'), 'utf8'));
const cache =
  process.env.FLOTILLA_AGENT_CLIS_DIR ??
  path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'flotilla', 'agent-clis');

function run(file, args, options) {
  return new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024, ...options }, (error, stdout, stderr) =>
      resolve({ error, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

/** The last lines of a failed command's output: enough to say why. */
function why(result) {
  const text = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-4).join(' | ');
  return `${result.error.message.split('\n')[0]}${text ? `: ${text}` : ''}`.slice(0, 600);
}

async function install(name, pin) {
  const dir = path.join(cache, `${name}@${pin.version}`);
  const bin = path.join(dir, 'node_modules', '.bin', pin.bin);
  const started = Date.now();
  const marker = path.join(dir, '.installed');
  let cached = existsSync(marker) && existsSync(bin);
  if (!cached) {
    mkdirSync(dir, { recursive: true });
    // A package.json of its own, so npm never walks up into a project above the cache.
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true }));
    const result = await run(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', `${pin.package}@${pin.version}`],
      { cwd: dir, timeout: 10 * 60_000 },
    );
    if (result.error) return { version: pin.version, error: `npm install failed: ${why(result)}` };
  }
  const check = await run(bin, ['--version'], {
    cwd: dir,
    timeout: 60_000,
    env: { ...process.env, DISABLE_AUTOUPDATER: '1' },
  });
  if (check.error)
    return { version: pin.version, error: `installed but \`${pin.bin} --version\` failed: ${why(check)}` };
  if (!cached) writeFileSync(marker, new Date().toISOString());
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${name}@${pin.version}: ${cached ? 'cached' : `installed in ${seconds.toFixed(1)} s`} (${check.stdout.trim()})`,
  );
  return { version: pin.version, bin, reports: check.stdout.trim(), seconds, cached };
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(pins);
mkdirSync(cache, { recursive: true });
const manifestPath = path.join(cache, 'manifest.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
const started = Date.now();
// Two at a time: downloads overlap, a 2-core machine is not swamped by unpacking.
const queue = [...wanted];
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const pin = pins[name];
      manifest[name] = pin
        ? await install(name, pin).catch((error) => ({ version: pin.version, error: String(error) }))
        : { error: `no pin for ${name} in agent-clis.json` };
      if (manifest[name].error) console.log(`${name}: NOT installed: ${manifest[name].error}`);
    }
  }),
);
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`agent CLIs ready in ${((Date.now() - started) / 1000).toFixed(1)} s; manifest: ${manifestPath}`);
