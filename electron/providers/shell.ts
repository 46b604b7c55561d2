import { findBinary } from './find-binary.js';
import type { Provider } from './provider.js';

/** The user's interactive shell in the worktree; a prompt, if given, is typed into it as the first command. */
export const shellProvider: Provider = {
  id: 'shell',
  label: 'Shell',
  newConversationId: () => null,
  typesPrompt: true,
  async launch() {
    const file = await findBinary(process.env.SHELL || 'bash', 'Set $SHELL to an installed shell.');
    return { file, args: ['-i'] };
  },
  resume: async () => null,
  keys: { approve: 'y\r', deny: 'n\r' },
  readScreen: () => ({ busy: false, question: null }),
};
