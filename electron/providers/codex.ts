import type { PromptQuestion } from '../../shared/session.js';
import { cliLaunch, type CliSpec } from './cli-launch.js';
import { codexMcpArgs } from './agent-mcp.js';
import { codexHookArgs, codexHooks } from './codex-hooks.js';
import type { Provider, ScreenReading } from './provider.js';
import {
  detailAbove,
  detailBetween,
  findAbove,
  findOptionBlock,
  highlightedOption,
  numberedOptions,
  questionSentence,
} from './read-question.js';
import { nothingDrawn, showsBusy } from './busy-markers.js';
import { formDenyKeys, formOptionKeys, readConfirmFooter, readFirst, readLetterChoices } from './question-forms.js';
import { cleanScreen, tailMatches } from './screen-lines.js';

const SPEC: CliSpec = {
  binary: 'codex',
  installHint: 'Install the Codex CLI: npm install -g @openai/codex',
  modelFlag: '--model',
};

/**
 * Without it Codex (0.169) hands the session to a shared background app-server that outlives the pty, so
 * terminating a session would leave a process behind (and a second session can fail on its socket).
 */
const NO_DAEMON = '--no-daemon';

const LOGIN = /Choose how you want to use Codex|Sign in with ChatGPT/;
export const CODEX_SIGN_IN_HINT =
  'Codex needs you to sign in: open the terminal and pick a way there, or run `codex login` (or `codex login --with-api-key`) in a shell and start the session again.';
/** Setup choices: sign-in, and granting the folder approval-free access (which would bypass the guard). */
const SETUP = /sign in|API key|without asking for approval|Choose how/i;
/** The title of Codex's approval overlays: "Would you like to run the following command?", "… make the following edits?". */
const OVERLAY_TITLE = /^Would you like to .*\?$/;
/** The last line of an approval overlay: Codex draws a frame top to bottom, so one without it is half drawn. */
const OVERLAY_FOOTER = /^Press enter to confirm or esc to cancel/;
/** The hint line under a plan question (request_user_input in Plan mode, codex 0.171). */
const PLAN_FOOTER = /\benter to submit answer\b/;

/**
 * Reads the Codex TUI. Busy: "esc to interrupt" in the status line ("Working (3s • esc to interrupt)").
 * Waiting: the approval overlay, "Would you like to run the following command?" with the command under it
 * and options "1. Yes, proceed (y)" ... "(esc)" above "Press enter to confirm or esc to cancel"; the
 * folder-trust screen; a plan question ("… | enter to submit answer"); the sign-in screen (setup); and idle
 * after a failed request (an error).
 */
export function detectCodexScreen(raw: string[]): ScreenReading {
  const lines = cleanScreen(raw);
  const busy = showsBusy(lines, 8) || nothingDrawn(lines);
  if (tailMatches(lines, 24, LOGIN)) {
    const start = lines.findIndex((l) => LOGIN.test(l));
    const options = numberedOptions(lines.slice(start));
    const selected = highlightedOption(lines.slice(start));
    if (options.length >= 2) {
      const question: PromptQuestion = {
        text: 'Choose how you want to use Codex.',
        options,
        kind: 'sign-in',
        hint: CODEX_SIGN_IN_HINT,
      };
      if (selected) question.selected = selected;
      return { busy: false, question };
    }
  }
  const block = findOptionBlock(lines, 3);
  if (!block) {
    // Overlays without a numbered list ("Yes (y)  No (n)", an Enter/Esc confirmation) take the composer's place.
    const composer = lines.slice(-6).some((line) => COMPOSER.test(line));
    const other = composer
      ? null
      : readFirst(
          () => readLetterChoices(lines),
          () => readConfirmFooter(lines, 16),
        );
    if (other) return { busy: false, question: other };
    return { busy, question: busy ? null : stoppedOn(lines) };
  }
  // The overlay's own title first: under it Codex shows the model's reason, which is often a question too
  // ("Reason: Create made.txt in the project?", codex 0.171).
  const title = findAbove(lines, block.first, 16, OVERLAY_TITLE);
  const at = title >= 0 ? title : findAbove(lines, block.first, 16, /\?/);
  if (at < 0) return { busy, question: null };
  // A half-drawn overlay read as the question (options cut short) no longer matches the screen when answered.
  if (title >= 0 && !lines.slice(block.last + 1).some((line) => OVERLAY_FOOTER.test(line.trim())))
    return { busy, question: null };
  const text = questionSentence(lines[at] ?? '');
  // Approval overlays show the command or patch between the question and the options; the trust screen
  // shows the folder above its question, and in a worktree (codex 0.171) a note naming the repository root.
  const detail = /^Would you like/.test(text) ? detailBetween(lines, at, block.first) : detailAbove(lines, raw, at, 8);
  // A plan question lists each option's description beside its label, in a column two or more spaces on.
  const plan = lines.slice(block.last + 1).some((line) => PLAN_FOOTER.test(line));
  const options = plan ? block.options.map((option) => option.split(/\s{2,}/)[0] ?? option) : block.options;
  const question: PromptQuestion = { text, options };
  if (detail) question.detail = detail;
  if (block.selected) question.selected = block.selected;
  if (SETUP.test(`${text}\n${block.options.join('\n')}`)) question.kind = 'setup';
  return { busy: false, question };
}

/** The composer: "› " and the prompt or its placeholder. */
const COMPOSER = /^›\s(?!\d+\.)/;

const CODEX_ERROR_HINT =
  'Codex gave up on its last request (its model provider answered with an error): check the provider, key or network, then type in the terminal to try again.';
/** Codex's own notes that start like an error but are none: the user pressed Esc. */
const NOT_AN_ERROR = /^■ Conversation interrupted/;

/** The message of an OpenAI-style error body ({"error":{"message":…}}) as Codex prints it; else the text. */
function errorMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? message : text;
  } catch {
    return text;
  }
}

/**
 * Idle at the composer ("› …"), but stuck: its last request failed, and the last message above the composer
 * is Codex's error, "■ " and the provider's answer (an error body, "unexpected status 401 …", "stream error:
 * exceeded retry limit …"), wrapped over lines (codex 0.171).
 */
function stoppedOn(lines: string[]): PromptQuestion | null {
  const composer = lines.findLastIndex((line) => /^›\s/.test(line));
  if (composer < 0 || composer < lines.length - 5) return null;
  let end = composer - 1;
  while (end >= 0 && (lines[end] ?? '').trim() === '') end--;
  let start = end;
  while (start > 0 && !(lines[start] ?? '').startsWith('■ ') && (lines[start - 1] ?? '').trim() !== '') start--;
  const first = lines[start] ?? '';
  if (end < 0 || !first.startsWith('■ ') || NOT_AN_ERROR.test(first)) return null;
  const text = lines
    .slice(start, end + 1)
    .map((line) => line.trim())
    .join(' ')
    .slice(2)
    .trim();
  return { text: errorMessage(text), options: [], kind: 'error', hint: CODEX_ERROR_HINT };
}

const SHORTCUT = /\((\w|esc)\)$/i;
const DOWN = '\x1b[B';
const UP = '\x1b[A';
/** Options that decline: the trust screen's "Back to …", a "No, …". */
const DECLINE = /^(?:no\b|back\b|cancel|exit|quit|don't|do not|deny|reject)/i;

/**
 * Codex lists take their shortcut letter ("(y)", "(a)", "(esc)"). Without one (sign-in, folder trust) only
 * arrows and Enter work (digits do nothing on the sign-in menu), counted from the highlighted option: the
 * user may have moved the cursor in the terminal, and ↑ on the first option wraps to the last (codex 0.169).
 */
function optionKeys(k: number, question: PromptQuestion): string {
  const shortcut = SHORTCUT.exec(question.options[k - 1] ?? '')?.[1];
  if (shortcut) return shortcut.toLowerCase() === 'esc' ? '\x1b' : shortcut.toLowerCase();
  const moves = k - (question.selected ?? 1);
  return `${(moves < 0 ? UP : DOWN).repeat(Math.abs(moves))}\r`;
}

/** Esc where an option says "(esc)", else the option that declines; null when none does (the sign-in menu). */
function denyKeys(question: PromptQuestion): string | null {
  if (question.options.some((option) => /\(esc\)$/i.test(option))) return '\x1b';
  const k = question.options.findLastIndex((option) => DECLINE.test(option));
  return k < 0 ? null : optionKeys(k + 1, question);
}

/**
 * `codex resume <id>` of a conversation recorded in another folder first asks which folder to work in,
 * offering the recorded one (the user's checkout) first (0.171, "Working directory · resume"). The session
 * works in its worktree: `tui.resume_cwd = "current"` answers that before it is asked.
 */
function resumeById(id: string): string[] {
  return ['resume', id, NO_DAEMON, '-c', 'tui.resume_cwd="current"'];
}

/**
 * OpenAI Codex CLI: no id at start; `codex resume --last` continues the newest session recorded for this cwd
 * (the worktree). A session with a conversation id (an imported conversation, run elsewhere) resumes that
 * one: `codex resume <id>` finds it from any folder, keeps its id and runs in the new cwd (0.171).
 */
export const codexProvider: Provider = {
  id: 'codex',
  label: 'Codex',
  installHint: SPEC.installHint,
  newConversationId: () => null,
  // Config overrides (-c, here the hook) go before the subcommand.
  launch: async (ctx) =>
    ctx.conversationId
      ? cliLaunch(SPEC, ctx, [...(await codexHookArgs(ctx)), ...codexMcpArgs(ctx), ...resumeById(ctx.conversationId)])
      : cliLaunch(
          SPEC,
          ctx,
          [...(await codexHookArgs(ctx)), ...codexMcpArgs(ctx), NO_DAEMON],
          ctx.prompt ? ['--', ctx.prompt] : [],
        ),
  // `resume --last` filters by cwd (`--all` would not); with nothing recorded it starts a fresh session.
  resume: async (ctx) =>
    cliLaunch(SPEC, ctx, [
      ...(await codexHookArgs(ctx)),
      ...codexMcpArgs(ctx),
      ...(ctx.conversationId ? resumeById(ctx.conversationId) : ['resume', '--last', NO_DAEMON]),
    ]),
  keys: {
    option: (k, question) => formOptionKeys(k, question) ?? optionKeys(k, question),
    deny: (question) => formDenyKeys(question) ?? denyKeys(question),
  },
  hooks: codexHooks,
  readScreen: detectCodexScreen,
};
