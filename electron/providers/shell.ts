import { findBinary } from './find-binary.js';
import { genericKeys } from './generic-screen.js';
import type { Provider } from './provider.js';

/** The user's interactive shell in the worktree; a prompt, if given, is typed into it as the first command. */
export const shellProvider: Provider = {
  id: 'shell',
  label: 'Shell',
  newConversationId: () => null,
  typesPrompt: true,
  async launch(ctx) {
    const file = await findBinary(ctx.profile?.binaryPath ?? (process.env.SHELL || 'bash'), 'Set $SHELL to an installed shell.');
    return { file, args: ['-i', ...(ctx.profile?.extraArgs ?? [])], env: { ...ctx.profile?.env } };
  },
  resume: async () => null,
  keys: genericKeys,
  // A shell's own output is the user's business: it is never read as an agent's question.
  readScreen: () => ({ busy: false, question: null }),
};
