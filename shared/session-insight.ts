import { z } from 'zod';
import { SessionRefs } from './session.js';

/** Cheap card previews: the visible screen as plain text for many sessions in one call. */
export const SessionPreviewsRequest = SessionRefs.strict();
export const SessionPreview = z.object({ id: z.string(), text: z.string() });
export type SessionPreview = z.infer<typeof SessionPreview>;
export const SessionPreviewsResult = z.object({ previews: z.array(SessionPreview) });

/** The agent's process tree as the OS sees it (Linux /proc; empty elsewhere or when no process runs). */
export const SessionStats = z.object({
  id: z.string(),
  pid: z.number().int().nullable(),
  processes: z.number().int(),
  /** CPU time used by the tree so far (user + system); the client derives a percentage between two reads. */
  cpuSeconds: z.number(),
  rssBytes: z.number(),
  sampledAt: z.string(),
});
export type SessionStats = z.infer<typeof SessionStats>;
