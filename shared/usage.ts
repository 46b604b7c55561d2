import { z } from 'zod';

/** Token counts as the CLIs' transcripts record them (Codex: cached tokens moved out of input). */
export const TokenCounts = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheReadTokens: z.number().int().nonnegative(),
  cacheWriteTokens: z.number().int().nonnegative(),
});
export type TokenCounts = z.infer<typeof TokenCounts>;

/** A session's usage: its tokens and their cost (null when a model it used has no price: never a guess). */
export const SessionUsage = TokenCounts.extend({ costUsd: z.number().nonnegative().nullable() });
export type SessionUsage = z.infer<typeof SessionUsage>;

const perMillion = z.number().nonnegative().max(10_000);

/**
 * The price of one model in USD per million tokens. `model` is the id the CLI records ("claude-sonnet-4-5",
 * "gpt-5-codex"): it matches that id and its dated snapshots ("claude-sonnet-4-5-20250929"); a trailing `*`
 * makes it a prefix ("claude-opus-4-*").
 */
export const ModelPrice = z.object({
  model: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\w.:/@[\]-]+\*?$/, 'a model id (letters, digits, . - _ : / @ [ ]), optionally ending in *'),
  input: perMillion,
  output: perMillion,
  cacheRead: perMillion,
  cacheWrite: perMillion,
});
export type ModelPrice = z.infer<typeof ModelPrice>;

export const PriceTable = z.array(ModelPrice).max(500);
export type PriceTable = z.infer<typeof PriceTable>;

export const UsageGrouping = z.enum(['session', 'repo', 'agent', 'day', 'model']);
export type UsageGrouping = z.infer<typeof UsageGrouping>;

export const UsageReportRequest = z
  .object({
    by: UsageGrouping.default('session'),
    /** Only these sessions (ids); absent: every session. */
    ids: z.array(z.string().min(1).max(200)).max(2000).optional(),
  })
  .strict();

export const UsageRow = SessionUsage.extend({
  /** The session id, repo path, agent id, day (YYYY-MM-DD, UTC) or model. */
  key: z.string(),
  /** What a person reads: the session's name, the repo's folder; else the key. */
  label: z.string(),
  sessions: z.number().int().nonnegative(),
  /** Models used without a price in the table: why `costUsd` is null. */
  unpricedModels: z.array(z.string()),
});
export type UsageRow = z.infer<typeof UsageRow>;

export const UsageReport = z.object({
  by: UsageGrouping,
  rows: z.array(UsageRow),
  total: UsageRow,
});
export type UsageReport = z.infer<typeof UsageReport>;

/** The usage methods of the contract (spread into shared/contract.ts). */
export const usageMethods = {
  /** Tokens and cost grouped by session, repo, agent, day or model. */
  'usage.report': { request: UsageReportRequest, response: UsageReport },
} as const;

export const usageEvents = {
  /** A session's usage grew (at most about once a second per session). */
  'session.usage': z.object({ id: z.string(), usage: SessionUsage }),
} as const;
