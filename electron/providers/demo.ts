import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import type { LaunchContext, Provider } from './provider.js';
import { SIGN_IN_LINE } from '../demo-agent/sign-in-line.js';
import { readNumberedQuestion } from './read-question.js';
import { cleanScreen } from './screen-lines.js';

const SIGN_IN_HINT = 'The demo agent pretends to need an account: open the terminal and type /login.';

function demoScript(): string {
  return path.join(packageRoot(), 'dist', 'electron', 'demo-agent', 'demo-agent.js');
}

function env(ctx: LaunchContext): Record<string, string> {
  return { FLOTILLA_DEMO_STATE_DIR: ctx.stateDir, ...ctx.profile?.env };
}

/** The bundled scripted agent: runs on the same Node as Flotilla, needs no account. */
export const demoProvider: Provider = {
  id: 'demo',
  label: 'Demo agent',
  newConversationId: () => randomUUID(),
  async launch(ctx) {
    const args = [demoScript()];
    if (ctx.conversationId) args.push('--session-id', ctx.conversationId);
    if (ctx.prompt) args.push('--prompt', ctx.prompt);
    return { file: process.execPath, args, env: env(ctx) };
  },
  async resume(ctx) {
    if (!ctx.conversationId) return null;
    return { file: process.execPath, args: [demoScript(), '--resume', ctx.conversationId], env: env(ctx) };
  },
  // Options are picked by number; "No" is always the demo's last option.
  keys: { option: (k) => String(k), deny: (question) => String(question.options.length) },
  readScreen(lines) {
    const tail = lines.slice(-6);
    // The notice stays a sign-in screen until something else is printed under the prompt after it.
    if (
      cleanScreen(lines)
        .slice(-2)
        .some((line) => line.startsWith(SIGN_IN_LINE))
    ) {
      return { busy: false, question: { text: 'Not signed in', options: [], kind: 'sign-in', hint: SIGN_IN_HINT } };
    }
    return {
      busy: tail.some((line) => line.includes('esc to interrupt')),
      // Nothing is printed under the demo's options, so no footer is allowed: a footer window would still
      // read the question after "Skipped x.txt." and a new "> " prompt.
      question: readNumberedQuestion(lines.slice(-8), /^Do you want to .+\?$/, 0),
    };
  },
};
