import { spawn } from 'node:child_process';
import { FlotillaError } from '../../shared/errors.js';
import type { OpenCommandPlan } from './open-command.js';

/**
 * The environment an editor or terminal gets: the caller's, less what would change how it runs or mark it
 * as part of a session. ELECTRON_RUN_AS_NODE would make VS Code (itself Electron) start as plain Node, and
 * FLOTILLA_SESSION_ID would have the user's editor stopped with a session's processes.
 */
export function openEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('ELECTRON_') || key.startsWith('npm_') || key === 'FLOTILLA_SESSION_ID') continue;
    clean[key] = value;
  }
  return clean;
}

/**
 * Starts the command in `cwd` with argv (never a shell). Detached: in its own process group, not waited for,
 * resolving once the program has started (a missing or non-executable file is an error). Foreground: on the
 * caller's terminal, resolving when it exits.
 */
export function launchOpen(plan: OpenCommandPlan, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const detached = plan.mode === 'detached';
  const child = spawn(plan.file, plan.args, {
    cwd,
    env: openEnv(env),
    detached,
    stdio: detached ? 'ignore' : 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error) =>
      reject(new FlotillaError('SPAWN_FAILED', `could not start ${plan.file} (${plan.source}): ${error.message}`)),
    );
    if (detached) {
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    } else {
      child.once('exit', () => resolve());
    }
  });
}
