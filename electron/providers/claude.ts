import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readdir, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { PromptQuestion } from '../../shared/session.js';
import { claudeMcpArgs, claudeMcpEnv } from './agent-mcp.js';
import { claudeHookArgs, claudeHooks } from './claude-hooks.js';
import { cliLaunch, type CliSpec } from './cli-launch.js';
import type { LaunchContext, Provider, ScreenReading } from './provider.js';
import { detailAbove, findAbove, findOptionBlock, questionSentence } from './read-question.js';
import { cleanScreen, tailMatches } from './screen-lines.js';
import { nothingDrawn, showsBusy } from './busy-markers.js';
import { formDenyKeys, formOptionKeys, readConfirmFooter } from './question-forms.js';

const SPEC: CliSpec = {
  binary: 'claude',
  installHint: 'Install Claude Code: npm install -g @anthropic-ai/claude-code',
  modelFlag: '--model',
  // Dozens of parallel sessions must not each try to update the CLI under the others.
  env: { DISABLE_AUTOUPDATER: '1' },
};

/** API-key and onboarding screens: the user answers those, never auto-yes. */
const SETUP = /API key|text style|theme|terms/i;
/** The login method menu of a first run. */
const SIGN_IN = /log ?in|sign in/i;
/** Its footer (and its reply to a prompt) once past onboarding without an account: "Not logged in · Run /login". */
const NOT_LOGGED_IN = /Not logged in\b.*\/login/i;
const CLAUDE_ERROR_HINT =
  'Claude Code gave up on its last request: check the network (or the API key), then type in the terminal to try again.';
export const CLAUDE_SIGN_IN_HINT =
  'Claude Code is not signed in: open the terminal and type /login, or give a profile ANTHROPIC_API_KEY and start the session with it.';

/**
 * Reads Claude Code's screen (v1 boxed and v2 ruled layouts). Busy: "esc to interrupt" in the footer, or
 * the spinner's activity label ("✽ Tempering…") or live token count ("↓ 1.2k tokens") above the input box
 * (versions without the footer hint). Waiting: a numbered menu at the bottom (under it at most "Esc to
 * cancel · Tab to amend") with a question above it: "Do you want to proceed?", "Do you want to make this
 * edit to x?", the folder trust check, the API-key prompt; or a dialog confirmed with Enter ("Enter to
 * confirm · Esc to cancel") in place of the input box.
 */
export function detectClaudeScreen(raw: string[]): ScreenReading {
  const lines = cleanScreen(raw);
  const busy = showsBusy(lines, 6) || nothingDrawn(lines);
  const block = findOptionBlock(lines, 3);
  if (!block) {
    // Claude's dialogs take the input box's place: with the box on screen, any such words are the agent's.
    const confirm = inputBoxShown(lines) ? null : readConfirmFooter(lines);
    if (confirm) return { busy: false, question: confirm };
    return { busy, question: busy ? null : stoppedOn(lines) };
  }
  const at = findAbove(lines, block.first, 12, /\?/);
  if (at < 0) return { busy, question: null };
  const text = questionSentence(lines[at] ?? '');
  const detail = detailAbove(lines, raw, at);
  const question: PromptQuestion = { text, options: block.options };
  if (detail) question.detail = detail;
  if (SIGN_IN.test(text)) Object.assign(question, { kind: 'sign-in', hint: CLAUDE_SIGN_IN_HINT });
  else if (SETUP.test(text)) question.kind = 'setup';
  return { busy: false, question };
}

/** The input box ("❯ " alone or with typed text) among the last lines: no dialog is open. */
function inputBoxShown(lines: string[]): boolean {
  return lines.slice(-6).some((line) => /^\s?[❯>]\s/.test(line) || /^\s?[❯>]$/.test(line.trim()));
}

/**
 * Idle at an empty prompt, but stuck: without an account ("Not logged in · Run /login"), or after its last
 * request failed ("● API Error: Unable to connect to API (FailedToOpenSocket)" as the last message above
 * the input box, under at most its "✻ Cooked for 2m 58s" line).
 */
function stoppedOn(lines: string[]): PromptQuestion | null {
  if (tailMatches(lines, 6, NOT_LOGGED_IN)) {
    return { text: 'Not logged in', options: [], kind: 'sign-in', hint: CLAUDE_SIGN_IN_HINT };
  }
  const input = lines.findLastIndex((line) => /^❯\s*$/.test(line));
  if (input < 0 || input < lines.length - 6) return null;
  const last = lines
    .slice(0, input)
    .findLast((line) => line.trim() !== '' && !/^\s*✻ /.test(line))
    ?.trim();
  const error = last && /^[●⏺]\s*(API Error: .+)$/.exec(last)?.[1];
  return error ? { text: error, options: [], kind: 'error', hint: CLAUDE_ERROR_HINT } : null;
}

function configDir(env: Record<string, string> | undefined): string {
  return env?.CLAUDE_CONFIG_DIR ?? process.env.CLAUDE_CONFIG_DIR ?? path.join(homedir(), '.claude');
}

/** Claude Code's folder for the conversations run in `dir`: every non-alphanumeric becomes '-' (2.1.197). */
export function claudeProjectName(dir: string): string {
  return dir.replace(/[^a-zA-Z0-9]/g, '-');
}

/**
 * Makes conversation `id` resumable in `cwd`: `claude --resume <id>` finds only the conversations of the
 * folder it runs in (2.1.197 says "No conversation found" from another), so one recorded elsewhere (an
 * imported conversation, run in the user's checkout) is copied into cwd's folder; the original is never
 * moved or changed. Resuming keeps the id and appends to the copy. False when no transcript of it exists.
 */
export async function placeClaudeTranscript(id: string, dir: string, cwd: string): Promise<boolean> {
  const projects = path.join(dir, 'projects');
  const name = `${id}.jsonl`;
  const folder = path.join(projects, claudeProjectName(await realpath(cwd).catch(() => cwd)));
  const here = path.join(folder, name);
  if (await exists(here)) return true;
  const elsewhere = await readdir(projects).catch(() => []);
  for (const project of elsewhere) {
    const source = path.join(projects, project, name);
    if (!(await exists(source))) continue;
    await mkdir(folder, { recursive: true });
    await copyFile(source, here, constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    return true;
  }
  return false;
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Flotilla's MCP server, then the hooks' settings. `--mcp-config` takes several files: a flag (the hooks',
 * the conversation's) always follows it, so it cannot swallow a profile argument or the prompt.
 */
async function leadingArgs(ctx: LaunchContext): Promise<string[]> {
  return [...(await claudeMcpArgs(ctx)), ...(await claudeHookArgs(ctx))];
}

function promptArgs(ctx: LaunchContext): string[] {
  // "--" so a prompt starting with "-", or a variadic extra arg, cannot swallow it.
  return ctx.prompt ? ['--', ctx.prompt] : [];
}

/** Claude Code: `--session-id <uuid>` at start, `--resume <uuid>` later (verified on 2.1.197). */
export const claudeProvider: Provider = {
  id: 'claude',
  label: 'Claude Code',
  installHint: SPEC.installHint,
  newConversationId: () => randomUUID(),
  async launch(ctx) {
    // A preset id with a transcript already (an imported conversation) is resumed: `--session-id` would refuse it.
    if (
      ctx.conversationId &&
      (await placeClaudeTranscript(ctx.conversationId, configDir(ctx.profile?.env), ctx.worktreePath))
    )
      return claudeMcpEnv(
        ctx,
        await cliLaunch(SPEC, ctx, [...(await leadingArgs(ctx)), '--resume', ctx.conversationId]),
      );
    const session = ctx.conversationId ? ['--session-id', ctx.conversationId] : [];
    return claudeMcpEnv(ctx, await cliLaunch(SPEC, ctx, [...(await leadingArgs(ctx)), ...session], promptArgs(ctx)));
  },
  async resume(ctx) {
    // `--resume` of a conversation that never got a message exits with "No conversation found".
    if (!ctx.conversationId) return null;
    if (!(await placeClaudeTranscript(ctx.conversationId, configDir(ctx.profile?.env), ctx.worktreePath))) return null;
    return claudeMcpEnv(ctx, await cliLaunch(SPEC, ctx, [...(await leadingArgs(ctx)), '--resume', ctx.conversationId]));
  },
  keys: {
    // Claude's menus pick an option by its number at once; Esc is "No, and tell Claude what to do differently".
    option: (k, question) => formOptionKeys(k, question) ?? String(k),
    deny: (question) => formDenyKeys(question) ?? '\x1b',
  },
  hooks: claudeHooks,
  readScreen: detectClaudeScreen,
};
