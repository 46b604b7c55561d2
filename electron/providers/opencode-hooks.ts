import { packageRoot, shippedFile } from '../package-root.js';
import type { LaunchContext, ProviderHooks } from './provider.js';

/**
 * opencode 1.18 has no hook commands but plugins: JavaScript modules it loads into its own server, with a
 * hook per tool call (tool.execute.before/after), per user message (chat.message) and its event bus
 * (permission.asked/replied, session.idle). Flotilla's plugin, bin/flotilla-opencode-plugin.js, posts those
 * to the host itself (fetch, no process per event) in the engine's names.
 */
export const OPENCODE_HOOK_EVENTS = [
  'UserPromptSubmit',
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'Stop',
] as const;

export const opencodeHooks: ProviderHooks = { events: OPENCODE_HOOK_EVENTS };

const CONTENT = 'OPENCODE_CONFIG_CONTENT';

/**
 * The plugin's path. opencode (Bun) cannot read inside Electron's app.asar: the packaged app ships the file
 * unpacked beside it (electron-builder.yml asarUnpack).
 */
export function opencodePluginPath(root = packageRoot()): string {
  return shippedFile(root, 'bin', 'flotilla-opencode-plugin.js');
}

/** The user's own OPENCODE_CONFIG_CONTENT, which the launch's would otherwise replace. */
function userContent(ctx: LaunchContext, env: NodeJS.ProcessEnv): string | undefined {
  return ctx.profile?.env?.[CONTENT] ?? env[CONTENT];
}

/**
 * OPENCODE_CONFIG_CONTENT naming Flotilla's plugin, when the engine wants hooks. opencode merges that config
 * over the user's global and project ones and unions their `plugin` lists (checked on 1.18.33), so the
 * user's own config and plugins still apply; nothing is written to the worktree or to ~/.config/opencode.
 * A user who sets OPENCODE_CONFIG_CONTENT themselves keeps it, with the plugin added to its list; one that is
 * no JSON object (JSONC, a typo) is left alone and the status comes from the screen.
 */
export function opencodeHookEnv(ctx: LaunchContext, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!ctx.hooks) return {};
  const plugin = opencodePluginPath();
  const own = userContent(ctx, env);
  if (own === undefined || own.trim() === '') return { [CONTENT]: JSON.stringify({ plugin: [plugin] }) };
  let config: unknown;
  try {
    config = JSON.parse(own);
  } catch {
    return {};
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return {};
  const theirs = (config as { plugin?: unknown }).plugin;
  const list = Array.isArray(theirs) ? theirs : [];
  return { [CONTENT]: JSON.stringify({ ...config, plugin: [...list, plugin] }) };
}
