import type { ImportAgent } from '../../../shared/imports.js';

/** A file that may hold a conversation of the repository, before it is read. */
export interface Candidate {
  agent: ImportAgent;
  file: string;
}

/** What the start of a candidate file says. */
export type HeadReading =
  | { kind: 'conversation'; id: string; cwd: string; startedAt: string; firstPrompt: string }
  /** Readable, but no conversation of its own (a subagent's, a summary, no prompt yet). */
  | { kind: 'other' }
  /** Not a transcript at all (not JSON, torn, empty). */
  | { kind: 'bad' };
