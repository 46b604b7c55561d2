import type { PromptQuestion } from '../../shared/session.js';
import { cliLaunch, type CliSpec } from './cli-launch.js';
import type { Provider, ScreenReading } from './provider.js';
import { cleanScreen } from './screen-lines.js';

const SPEC: CliSpec = {
  binary: 'aider',
  installHint: 'Install aider: python -m pip install aider-install && aider-install',
  modelFlag: '--model',
};

/**
 * aider's confirm prompt (aider/io.py confirm_ask): the question, its choices and the default, e.g.
 *   Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]:
 *   Add file to the chat? (Y)es/(N)o/(A)ll/(S)kip all/(D)on't ask again [Yes]:
 * with the subject (the command, the file) printed on the lines above it.
 */
const CONFIRM = /^(.*?\?)\s+((?:\([A-Z]\)[^/[]*\/?)+)\s*\[[^\]]*\]:\s*(.*)$/;
const CHOICE = /\(([A-Z])\)([^/]*)/g;
const BUSY = /Waiting for\b|Updating repo map|Scanning repo|Thinking\b/;

/** Reads aider's screen: the confirm prompt must be the last line (the cursor sits after it), busy while the model is awaited. */
export function detectAiderScreen(raw: string[]): ScreenReading {
  const lines = cleanScreen(raw);
  const last = (lines.at(-1) ?? '').trim();
  const busy = lines.slice(-2).some((l) => BUSY.test(l));
  const match = CONFIRM.exec(last);
  if (!match) return { busy, question: null };
  const options = [...match[2]!.matchAll(CHOICE)].map((m) => `${m[1]}${m[2]}`.trim());
  if (options.length < 2) return { busy, question: null };
  const question: PromptQuestion = { text: match[1]!.trim(), options };
  const subject: string[] = [];
  for (let i = lines.length - 2; i >= Math.max(0, lines.length - 12); i--) {
    const text = (lines[i] ?? '').trim();
    if (!text || CONFIRM.test(text)) break;
    subject.unshift(text);
  }
  if (subject.length > 0) question.detail = subject.join('\n');
  return { busy: false, question };
}

/**
 * aider (Python; not installed here, its prompts are from its documentation and io.py): no prompt flag for
 * an interactive start (`--message` exits after one reply), so the engine types the prompt; resume restores
 * the worktree's chat history with `--restore-chat-history`.
 */
export const aiderProvider: Provider = {
  id: 'aider',
  label: 'Aider',
  installHint: SPEC.installHint,
  newConversationId: () => null,
  typesPrompt: true,
  // No update check: under auto-yes its "install the new version?" prompt would be answered.
  launch: (ctx) => cliLaunch(SPEC, ctx, ['--no-check-update']),
  resume: (ctx) => cliLaunch(SPEC, ctx, ['--no-check-update', '--restore-chat-history']),
  keys: {
    // Each choice answers with its letter: (Y)es, (N)o, (A)ll, (S)kip all, (D)on't ask again.
    option: (k, question) => `${(question.options[k - 1] ?? 'y').charAt(0).toLowerCase()}\r`,
    deny: () => 'n\r',
  },
  readScreen: detectAiderScreen,
};
