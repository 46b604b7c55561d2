#!/usr/bin/env node
// Flotilla's hook client: an agent CLI runs it as a hook command, `flotilla-hook.cjs EVENT [JSON]`, with
// the CLI's JSON hook input on stdin (Claude Code) or as the last argument (Codex's notify). It posts
// {sessionId, event, payload} to the Flotilla host at FLOTILLA_HOOK_URL with the session's credential
// (FLOTILLA_HOOK_TOKEN). It must never block or break the agent: nothing on stdout (Claude Code reads a
// hook's stdout as its decision), exit 0 whatever happens, give up after HOOK_TIMEOUT_MS. A PreToolUse may be
// held by the host while another session holds the worktree's lock (auto-lock): with FLOTILLA_HOOK_HOLD_S set
// for the launch, that one waits up to 5 s beyond the hold, and then lets the tool run. Plain CommonJS
// requiring only node:http, so it starts fast: 67 ms median posting to a receiver here (node -e 0: 41 ms;
// the same code as an ES module: 108 ms).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose: it starts faster than ESM
const { request } = require('node:http');

const HOOK_TIMEOUT_MS = 2000;
/** A bigger hook input (a Write of a large file) is posted without its payload: the receiver takes ≤ 1 MB. */
const MAX_PAYLOAD = 512 * 1024;

const event = process.argv[2];
const holdSeconds = Number(process.env.FLOTILLA_HOOK_HOLD_S) || 0;
const timeoutMs = event === 'PreToolUse' && holdSeconds > 0 ? holdSeconds * 1000 + 5000 : HOOK_TIMEOUT_MS;

const done = () => process.exit(0);
setTimeout(done, timeoutMs).unref();
process.on('uncaughtException', done);
process.on('unhandledRejection', done);

const url = process.env.FLOTILLA_HOOK_URL;
const token = process.env.FLOTILLA_HOOK_TOKEN;
const sessionId = process.env.FLOTILLA_SESSION_ID;
if (!event || !url || !token || !sessionId) done();

/** stdin as text, or '' when it is a terminal (nobody would ever close it). */
function readStdin() {
  if (process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    process.stdin.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD) chunks.push(chunk);
    });
    process.stdin.on('end', () => resolve(size <= MAX_PAYLOAD ? Buffer.concat(chunks).toString('utf8') : ''));
    process.stdin.on('error', () => resolve(''));
  });
}

function parsePayload(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

async function main() {
  // Claude Code passes its hook input on stdin; Codex's notify passes it as the last argument.
  const input = process.argv[3] ?? (await readStdin());
  const body = JSON.stringify({ sessionId, event, payload: parsePayload(input.length <= MAX_PAYLOAD ? input : '') });
  const req = request(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    },
    timeout: timeoutMs,
  });
  req.on('response', (res) => {
    res.resume();
    res.on('end', done);
  });
  req.on('error', done);
  req.on('timeout', done);
  req.end(body);
}

void main();
