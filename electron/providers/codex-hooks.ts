import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { LaunchContext, ProviderHooks } from './provider.js';

/**
 * Codex 0.171 has hooks of its own (hooks.json, behind the codex_hooks feature, and a trust review of each
 * hook at start-up), but no way to pass them for one launch without writing into the user's ~/.codex or the
 * worktree. Its `notify` program can be: `-c notify=[…]` runs it with a JSON argument at the end of every turn
 * ({"type":"agent-turn-complete", …}), which Flotilla takes as Stop.
 */
export const codexHooks: ProviderHooks = { events: ['Stop'] };

function codexHome(ctx: LaunchContext): string {
  return ctx.profile?.env?.CODEX_HOME ?? process.env.CODEX_HOME ?? path.join(homedir(), '.codex');
}

/** The user's own notify program wins: Codex runs only one, and theirs must keep working. */
async function userHasNotify(ctx: LaunchContext): Promise<boolean> {
  const config = await readFile(path.join(codexHome(ctx), 'config.toml'), 'utf8').catch(() => '');
  return /^\s*notify\s*=/m.test(config);
}

/** `-c notify=[…]` pointing Codex's turn-complete notice at the hook client, when the engine wants hooks. */
export async function codexHookArgs(ctx: LaunchContext): Promise<string[]> {
  if (!ctx.hooks || (await userHasNotify(ctx))) return [];
  // A TOML array of basic strings: JSON's string escaping is TOML's.
  return [
    '-c',
    `notify=[${ctx.hooks
      .argv('Stop')
      .map((a) => JSON.stringify(a))
      .join(', ')}]`,
  ];
}
