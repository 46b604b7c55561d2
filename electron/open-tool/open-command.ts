import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';
import type { Settings } from '../../shared/settings.js';
import type { OpenTarget } from '../../shared/worktree-open.js';
import { commonInstallDirs, findBinary } from '../providers/find-binary.js';

/** How a resolved command runs: detached (a window of its own), or in the caller's terminal until it exits. */
export type OpenMode = 'detached' | 'foreground';

export interface OpenCommandPlan {
  file: string;
  args: string[];
  mode: OpenMode;
  /** Where the command came from, for messages ("editorCommand setting", "$VISUAL", "code on PATH"). */
  source: string;
}

export interface ResolveOptions {
  target: OpenTarget;
  worktree: string;
  settings: Pick<Settings, 'editorCommand' | 'terminalCommand'>;
  env: NodeJS.ProcessEnv;
  /** The caller has a terminal of its own (the CLI in a TTY): a terminal editor may run in it. */
  interactive: boolean;
  platform?: NodeJS.Platform;
}

/**
 * Editors that open a window of their own (by program name). $VISUAL and $EDITOR often name a terminal
 * editor (vim, nano): started detached without a terminal it would have nowhere to draw.
 */
const GUI_EDITORS = new Set([
  'code',
  'code-insiders',
  'codium',
  'cursor',
  'windsurf',
  'zed',
  'subl',
  'sublime_text',
  'atom',
  'gedit',
  'gnome-text-editor',
  'kate',
  'kwrite',
  'mousepad',
  'pluma',
  'xed',
  'gvim',
  'mvim',
  'idea',
  'webstorm',
  'pycharm',
  'goland',
  'clion',
  'fleet',
  'mate',
  'bbedit',
]);

/** Terminal emulators tried in order on Linux when none is configured ($TERMINAL first). */
const LINUX_TERMINALS = [
  'x-terminal-emulator',
  'gnome-terminal',
  'konsole',
  'xfce4-terminal',
  'kitty',
  'alacritty',
  'wezterm',
  'foot',
  'xterm',
];

/** A command typed as one string (an environment variable): split on whitespace, no quoting, never a shell. */
export function splitCommand(line: string): string[] {
  return line.split(/\s+/).filter(Boolean);
}

/** `{path}` in any argument becomes the worktree; an editor without it gets the worktree as its last argument. */
function withPath(argv: string[], worktree: string, append: boolean): string[] {
  const has = argv.some((arg) => arg.includes('{path}'));
  const args = argv.map((arg) => arg.split('{path}').join(worktree));
  return has || !append ? args : [...args, worktree];
}

async function locate(name: string, env: NodeJS.ProcessEnv, why: string): Promise<string | undefined> {
  try {
    return await findBinary(name, why, { envPath: env.PATH ?? '', extraDirs: commonInstallDirs(env.HOME) });
  } catch {
    return undefined;
  }
}

async function plan(
  argv: string[],
  options: ResolveOptions,
  mode: OpenMode,
  source: string,
): Promise<OpenCommandPlan | undefined> {
  const [name, ...rest] = withPath(argv, options.worktree, options.target === 'editor');
  if (!name) return undefined;
  const file = await locate(name, options.env, '');
  return file ? { file, args: rest, mode, source } : undefined;
}

/** A configured command is used as it is: when its program is missing that is the error, not a fallback. */
async function configured(argv: string[], options: ResolveOptions, setting: string): Promise<OpenCommandPlan> {
  const found = await plan(argv, options, 'detached', `${setting} setting`);
  if (!found) {
    throw new FlotillaError(
      'NOT_FOUND',
      `${argv[0]} (the ${setting} setting) was not found on PATH or in the usual install folders; fix it in Settings`,
    );
  }
  return found;
}

async function editor(options: ResolveOptions): Promise<OpenCommandPlan> {
  const { editorCommand } = options.settings;
  if (editorCommand.length > 0) return configured(editorCommand, options, 'editorCommand');
  const skipped: string[] = [];
  for (const variable of ['VISUAL', 'EDITOR']) {
    const argv = splitCommand(options.env[variable] ?? '');
    if (!argv[0]) continue;
    const gui = GUI_EDITORS.has(path.basename(argv[0]));
    if (!gui && !options.interactive) {
      skipped.push(`$${variable}=${argv[0]} runs in a terminal`);
      continue;
    }
    const found = await plan(argv, options, gui ? 'detached' : 'foreground', `$${variable}`);
    if (found) return found;
    skipped.push(`$${variable}=${argv[0]} was not found`);
  }
  const code = await plan(['code'], options, 'detached', 'code on PATH');
  if (code) return code;
  throw new FlotillaError(
    'NOT_FOUND',
    `no editor found to open ${options.worktree}: set "Editor command" in Settings (e.g. code, or subl -n), ` +
      `set $VISUAL to a graphical editor, or install VS Code's \`code\` command` +
      (skipped.length > 0 ? ` (${skipped.join('; ')})` : ''),
  );
}

async function terminal(options: ResolveOptions): Promise<OpenCommandPlan> {
  const { terminalCommand } = options.settings;
  if (terminalCommand.length > 0) return configured(terminalCommand, options, 'terminalCommand');
  const platform = options.platform ?? process.platform;
  if (platform === 'darwin')
    return { file: 'open', args: ['-a', 'Terminal', options.worktree], mode: 'detached', source: 'Terminal.app' };
  const fromEnv = splitCommand(options.env.TERMINAL ?? '');
  const candidates = [...(fromEnv.length > 0 ? [{ argv: fromEnv, source: '$TERMINAL' }] : [])];
  if (platform !== 'win32')
    candidates.push(...LINUX_TERMINALS.map((name) => ({ argv: [name], source: `${name} on PATH` })));
  for (const candidate of candidates) {
    const found = await plan(candidate.argv, options, 'detached', candidate.source);
    if (found) return found;
  }
  throw new FlotillaError(
    'NOT_FOUND',
    `no terminal emulator found to open in ${options.worktree}: set "Terminal command" in Settings ` +
      `(e.g. gnome-terminal, or kitty --directory {path}) or $TERMINAL`,
  );
}

/** Which program opens a worktree, and how; a clear NOT_FOUND error when there is none. */
export function resolveOpenCommand(options: ResolveOptions): Promise<OpenCommandPlan> {
  return options.target === 'editor' ? editor(options) : terminal(options);
}
