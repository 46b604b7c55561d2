import type { LaunchContext, Launch } from './provider.js';
import { findBinary } from './find-binary.js';

export interface CliSpec {
  /** The executable's name, e.g. "claude". */
  binary: string;
  installHint: string;
  /** The CLI's model flag, e.g. "--model". */
  modelFlag: string;
  /** Variables every launch gets (a profile's env overrides them). */
  env?: Record<string, string>;
}

/** The executable for this launch: the profile's binary path when it has one, else found on PATH or in the usual folders. */
export function resolveCli(spec: CliSpec, ctx: LaunchContext): Promise<string> {
  const override = ctx.profile?.binaryPath;
  return findBinary(override ?? spec.binary, override ? `Fix the binary path of profile "${ctx.profile?.name}".` : spec.installHint);
}

/** The profile's model flag and extra args, which go before the provider's own trailing arguments. */
export function profileArgs(spec: CliSpec, ctx: LaunchContext): string[] {
  const profile = ctx.profile;
  if (!profile) return [];
  return [...(profile.model ? [spec.modelFlag, profile.model] : []), ...profile.extraArgs];
}

/** A launch of the CLI: `leading` (flags and subcommands), the profile's args, then `trailing` (e.g. the prompt). */
export async function cliLaunch(spec: CliSpec, ctx: LaunchContext, leading: string[], trailing: string[] = []): Promise<Launch> {
  return {
    file: await resolveCli(spec, ctx),
    args: [...leading, ...profileArgs(spec, ctx), ...trailing],
    env: { ...spec.env, ...ctx.profile?.env },
  };
}
