import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { PromptQuestion } from '../../shared/session.js';
import { cliLaunch, type CliSpec } from './cli-launch.js';
import { geminiHooks, withGeminiHooks } from './gemini-hooks.js';
import { withGeminiMcp } from './agent-mcp.js';
import type { Provider, ScreenReading } from './provider.js';
import { detailAbove, findAbove, findOptionBlock, questionSentence } from './read-question.js';
import { nothingDrawn, showsBusy } from './busy-markers.js';
import { confirmQuestion, formOptionKeys, readRadio } from './question-forms.js';
import { cleanScreen } from './screen-lines.js';

const SPEC: CliSpec = {
  binary: 'gemini',
  installHint: 'Install the Gemini CLI: npm install -g @google/gemini-cli',
  modelFlag: '--model',
};

const SIGN_IN = /authenticate|sign in|log ?in/i;
const SETUP = /API key/i;
export const GEMINI_SIGN_IN_HINT =
  'Gemini needs you to sign in: open the terminal and pick a way there, or give a profile GEMINI_API_KEY and start the session with it.';

/** Its input box: "> " then the placeholder or typed text (the same mark as the user's prompts in the history). */
const COMPOSER = /^\s?>\s/;
/** Gemini's loading line while a tool call waits for the user (its dialog may be scrolled off or cut). */
const WAITING = /^\s?\S?\s*Waiting for user confirmation(?:…|\.\.\.)/;

/**
 * Reads the Gemini CLI. Busy: "(esc to cancel, 9s)" on the spinner line, or any other working marker.
 * Waiting: the tool confirmation box, "Allow execution of [Shell]?" or "Apply this change?" above radio
 * options ("● 1. Allow once" ... "No, suggest changes (esc)"), or older unnumbered ones under "Allow
 * execution?"; the folder-trust box; the authentication box (setup); else its loading line "Waiting for user
 * confirmation…" (Enter takes the highlighted Allow, Esc cancels).
 */
export function detectGeminiScreen(raw: string[]): ScreenReading {
  const lines = cleanScreen(raw);
  const busy = showsBusy(lines, 10) || nothingDrawn(lines);
  // Under the box: its hint lines, and the status bar (workspace, branch, sandbox, model).
  const block = findOptionBlock(lines, 5);
  if (!block) {
    // Gemini hides its input box while a confirmation is open: with the box under them, such lines are text.
    const composer = lines.findLastIndex((line) => COMPOSER.test(line));
    const radio = readRadio(lines, 5, raw);
    if (radio && !lines.slice(-8).some((line) => COMPOSER.test(line))) return { busy: false, question: radio };
    const waiting = lines.findLastIndex((line) => WAITING.test(line));
    if (waiting >= 0 && waiting >= lines.length - 10 && composer < waiting)
      return {
        busy: false,
        question: confirmQuestion('Waiting for user confirmation', undefined, ['Allow', 'Cancel']),
      };
    return { busy, question: null };
  }
  const at = findAbove(lines, block.first, 10, /\?/);
  if (at < 0) return { busy, question: null };
  const text = questionSentence(lines[at] ?? '');
  const question: PromptQuestion = { text, options: block.options };
  const detail = detailAbove(lines, raw, at, 12);
  if (detail) question.detail = detail;
  if (SIGN_IN.test(text)) Object.assign(question, { kind: 'sign-in', hint: GEMINI_SIGN_IN_HINT });
  else if (SETUP.test(text)) question.kind = 'setup';
  return { busy: false, question };
}

function geminiHome(env: Record<string, string> | undefined): string {
  return path.join(env?.GEMINI_CLI_HOME ?? process.env.GEMINI_CLI_HOME ?? homedir(), '.gemini');
}

function chatSessionId(file: string): string | undefined {
  try {
    const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
    return (JSON.parse(first) as { sessionId?: string }).sessionId;
  } catch {
    return undefined;
  }
}

/** Gemini writes tmp/<project>/chats/session-<time>-<first 8 of id>.jsonl (first line: its metadata) once a message is sent. */
export function hasGeminiChat(id: string, home: string): boolean {
  const tmp = path.join(home, 'tmp');
  if (!existsSync(tmp)) return false;
  const suffix = `-${id.slice(0, 8)}`;
  return readdirSync(tmp).some((project) => {
    const chats = path.join(tmp, project, 'chats');
    return (
      existsSync(chats) &&
      readdirSync(chats).some(
        (f) =>
          /^session-.*\.jsonl?$/.test(f) &&
          f.replace(/\.jsonl?$/, '').endsWith(suffix) &&
          chatSessionId(path.join(chats, f)) === id,
      )
    );
  });
}

/**
 * Gemini CLI (0.61.0): `--session-id <uuid>` at start; `-i` runs the prompt and stays interactive. Resume uses
 * `--resume latest`, the newest conversation of this project (the worktree, so ours): `--resume <uuid>`
 * exits with an error when Gemini judges the recorded chat not resumable (seen here: a chat whose model
 * never answered), where `latest` starts afresh with a warning.
 */
export const geminiProvider: Provider = {
  id: 'gemini',
  label: 'Gemini CLI',
  installHint: SPEC.installHint,
  newConversationId: () => randomUUID(),
  async launch(ctx) {
    const session = ctx.conversationId ? ['--session-id', ctx.conversationId] : [];
    const launch = await cliLaunch(SPEC, ctx, session, ctx.prompt ? [`--prompt-interactive=${ctx.prompt}`] : []);
    return withGeminiMcp(ctx, await withGeminiHooks(ctx, launch));
  },
  async resume(ctx) {
    // Nothing was ever sent: there is no conversation to continue, so start again (and say so).
    if (!ctx.conversationId || !hasGeminiChat(ctx.conversationId, geminiHome(ctx.profile?.env))) return null;
    return withGeminiMcp(ctx, await withGeminiHooks(ctx, await cliLaunch(SPEC, ctx, ['--resume', 'latest'])));
  },
  keys: {
    // Numbered options take their number; unnumbered ones arrows from the dot; Esc cancels any of its dialogs.
    option: (k, question) => formOptionKeys(k, question) ?? String(k),
    deny: () => '\x1b',
  },
  hooks: geminiHooks,
  readScreen: detectGeminiScreen,
};
