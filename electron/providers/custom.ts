import { FlotillaError } from '../../shared/errors.js';
import { findBinary } from './find-binary.js';
import { detectGenericScreen, genericKeys } from './generic-screen.js';
import type { LaunchContext, Launch, Provider } from './provider.js';

async function customLaunch(ctx: LaunchContext): Promise<Launch> {
  const profile = ctx.profile;
  if (!profile?.binaryPath) {
    throw new FlotillaError(
      'PROVIDER_NOT_FOUND',
      'The custom provider runs the command of a profile: create a "custom" profile with a binary path (and args), then pick it.',
    );
  }
  const file = await findBinary(profile.binaryPath, `Fix the binary path of profile "${profile.name}".`);
  return { file, args: [...profile.extraArgs], env: { ...profile.env } };
}

/**
 * Any command and args from a profile. The prompt is typed into it; its questions are read generically
 * (numbered menus under a question, [y/n] prompts); it cannot resume a conversation.
 */
export const customProvider: Provider = {
  id: 'custom',
  label: 'Custom command',
  newConversationId: () => null,
  typesPrompt: true,
  launch: customLaunch,
  resume: async () => null,
  keys: genericKeys,
  readScreen: detectGenericScreen,
};
