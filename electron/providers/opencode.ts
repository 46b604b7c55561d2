import type { PromptQuestion } from '../../shared/session.js';
import { cliLaunch, type CliSpec } from './cli-launch.js';
import type { Launch, LaunchContext, Provider, ScreenReading } from './provider.js';
import { opencodeHookEnv, opencodeHooks } from './opencode-hooks.js';
import { opencodeMcpEnv } from './agent-mcp.js';
import { nothingDrawn, showsBusy } from './busy-markers.js';
import { confirmQuestion, formDenyKeys, formOptionKeys } from './question-forms.js';
import { cleanScreen } from './screen-lines.js';

const SPEC: CliSpec = {
  binary: 'opencode',
  installHint: 'Install opencode: npm install -g opencode-ai',
  modelFlag: '--model',
};

const HEADER = /Permission required/;
const BUTTONS = /Allow once.*Reject/;
/** Versions that show no buttons, only the hint: "Press Enter to allow, Esc to reject". */
const ENTER_HINT = /press enter to allow/i;
const OPTIONS = ['Allow once', 'Allow always', 'Reject'];

/**
 * Reads opencode's TUI (1.18). Busy: "esc interrupt" in the prompt footer (or any other working marker).
 * Waiting: the permission panel, "△ Permission required", the tool call under it (e.g. "$ rm -rf build"),
 * and the buttons "Allow once  Allow always  Reject" (Enter confirms the highlighted one, Esc rejects), or
 * only the hint "Press Enter to allow" (Enter allows, Esc rejects).
 */
export function detectOpencodeScreen(raw: string[]): ScreenReading {
  const lines = cleanScreen(raw);
  const busy = showsBusy(lines, 4) || nothingDrawn(lines);
  const buttons = lines.findLastIndex((l) => BUTTONS.test(l) || ENTER_HINT.test(l));
  if (buttons < 0 || buttons < lines.length - 6) return { busy, question: null };
  const header = lines.slice(0, buttons).findLastIndex((l) => HEADER.test(l));
  if (header < 0 || buttons - header > 16) return { busy, question: null };
  const detail =
    lines
      .slice(header + 1, buttons)
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n') || undefined;
  if (!BUTTONS.test(lines[buttons] ?? ''))
    return { busy: false, question: confirmQuestion('Permission required', detail, ['Allow', 'Reject']) };
  const question: PromptQuestion = { text: 'Permission required', options: OPTIONS };
  if (detail) question.detail = detail;
  return { busy: false, question };
}

/**
 * The launch with Flotilla's plugin in its env when the engine wants hooks (the profile's env stays under it),
 * and Flotilla's MCP server when the session gets it.
 */
async function withHooks(ctx: LaunchContext, launch: Promise<Launch>): Promise<Launch> {
  const done = await launch;
  const env = { ...done.env, ...opencodeHookEnv(ctx) };
  return { ...done, env: { ...env, ...opencodeMcpEnv(ctx, env) } };
}

/** opencode: `--prompt` at start; `--continue` resumes the last session of this directory (the worktree). */
export const opencodeProvider: Provider = {
  id: 'opencode',
  label: 'opencode',
  installHint: SPEC.installHint,
  newConversationId: () => null,
  launch: (ctx) => withHooks(ctx, cliLaunch(SPEC, ctx, [], ctx.prompt ? [`--prompt=${ctx.prompt}`] : [])),
  resume: (ctx) => withHooks(ctx, cliLaunch(SPEC, ctx, ['--continue'])),
  keys: {
    // The highlighted button starts at "Allow once"; Right moves along the row.
    option: (k, question) => formOptionKeys(k, question) ?? `${'\x1b[C'.repeat(k - 1)}\r`,
    deny: (question) => formDenyKeys(question) ?? '\x1b',
  },
  hooks: opencodeHooks,
  readScreen: detectOpencodeScreen,
};
