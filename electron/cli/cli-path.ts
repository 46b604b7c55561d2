import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

/**
 * How to run this `flotilla` from a shell, for the line `flotilla serve` prints: the bare name when
 * PATH finds this very CLI (after `npm link` or `npm install -g .`), else its full path with node.
 */
export async function cliInvocation(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const root = packageRoot();
  const bin = path.join(root, 'bin', 'flotilla.js');
  const ours = await realpath(bin).catch(() => bin);
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const found = await realpath(path.join(dir, 'flotilla')).catch(() => undefined);
    if (found === ours) return 'flotilla';
    if (found) break; // another `flotilla` comes first on PATH
  }
  const quoted = /\s/.test(bin) ? `"${bin}"` : bin;
  return `node ${quoted}   (to type just \`flotilla\`: run \`npm link\` in ${root})`;
}
