import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

/** The demo agent runs from dist/ (a real Node process in a pty), so the build must exist. */
export default function setup(): void {
  // Run inside a Flotilla session (an agent testing Flotilla), the tests must not reach that session's host: the
  // CLI would use its FLOTILLA_URL / FLOTILLA_TOKEN. Workers start after this, with the environment cleaned.
  for (const name of ['FLOTILLA_URL', 'FLOTILLA_TOKEN', 'FLOTILLA_SESSION_ID', 'FLOTILLA_PARENT_ID']) {
    delete process.env[name];
  }
  const agent = path.join(packageRoot(), 'dist', 'electron', 'demo-agent', 'demo-agent.js');
  if (!existsSync(agent)) throw new Error(`${agent} is missing: run "npm run build" first (npm test does)`);
}
