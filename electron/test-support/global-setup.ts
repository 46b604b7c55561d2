import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

/** The demo agent runs from dist/ (a real Node process in a pty), so the build must exist. */
export default function setup(): void {
  const agent = path.join(packageRoot(), 'dist', 'electron', 'demo-agent', 'demo-agent.js');
  if (!existsSync(agent)) throw new Error(`${agent} is missing: run "npm run build" first (npm test does)`);
}
