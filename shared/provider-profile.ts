import { z } from 'zod';

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment variable names are letters, digits and "_"');

/** One saved configuration of a provider: which binary, extra arguments, model and environment. */
export const ProviderProfile = z.object({
  id: z.string(),
  provider: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  /** An explicit executable; null means "find the provider's CLI on PATH and the usual install folders". */
  binaryPath: z.string().min(1).max(4096).nullable(),
  /** Arguments added to every launch and resume (before the prompt). */
  extraArgs: z.array(z.string().max(4096)).max(100),
  /** Passed with the provider's own model flag; null keeps the CLI's default. */
  model: z.string().min(1).max(200).nullable(),
  env: z.record(EnvName, z.string().max(100_000)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProviderProfile = z.infer<typeof ProviderProfile>;

export const ProfileCreateRequest = z
  .object({
    provider: ProviderProfile.shape.provider,
    name: ProviderProfile.shape.name,
    binaryPath: ProviderProfile.shape.binaryPath.default(null),
    extraArgs: ProviderProfile.shape.extraArgs.default([]),
    model: ProviderProfile.shape.model.default(null),
    env: ProviderProfile.shape.env.default({}),
  })
  .strict();
export type ProfileCreateRequest = z.input<typeof ProfileCreateRequest>;
export type ProfileCreateInput = z.output<typeof ProfileCreateRequest>;

/** Changes to a profile; its provider is fixed once created. */
export const ProfileUpdateRequest = z
  .object({
    id: z.string().min(1).max(200),
    name: ProviderProfile.shape.name.optional(),
    binaryPath: ProviderProfile.shape.binaryPath.optional(),
    extraArgs: ProviderProfile.shape.extraArgs.optional(),
    model: ProviderProfile.shape.model.optional(),
    env: ProviderProfile.shape.env.optional(),
  })
  .strict();
export type ProfileUpdateRequest = z.input<typeof ProfileUpdateRequest>;
export type ProfileUpdateInput = z.output<typeof ProfileUpdateRequest>;

/** Provider profile methods (spread into the contract's method map). */
export const profileMethods = {
  'profiles.list': { request: z.object({}).strict(), response: z.object({ profiles: z.array(ProviderProfile) }) },
  'profiles.create': { request: ProfileCreateRequest, response: ProviderProfile },
  'profiles.update': { request: ProfileUpdateRequest, response: ProviderProfile },
  /** Sessions created with a deleted profile resume with the provider's defaults. */
  'profiles.delete': { request: z.object({ id: z.string().min(1).max(200) }).strict(), response: z.object({ ok: z.literal(true) }) },
} as const;
