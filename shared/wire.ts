import { z } from 'zod';
import { ContractError } from './errors.js';

/** Frames on the WebSocket transport. Requests carry an id; responses echo it; events carry none. */
export const RequestFrame = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  payload: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export const ResponseFrame = z.union([
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(false), error: ContractError }),
]);
export type ResponseFrame = z.infer<typeof ResponseFrame>;

export const EventFrame = z.object({ t: z.literal('evt'), name: z.string(), payload: z.unknown() });
export type EventFrame = z.infer<typeof EventFrame>;

export const ServerFrame = z.union([ResponseFrame, EventFrame]);

/** Close codes the host uses, so clients can tell the user why. */
export const CloseCode = {
  unauthorized: 4001,
  tooSlow: 4008,
  shuttingDown: 4010,
} as const;
