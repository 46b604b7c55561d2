import { createHash } from 'node:crypto';
import type { AgentEventDraft } from '../../../shared/agent-events.js';

export type { AgentEventDraft };

export const TEXT_MAX = 32_000;
export const INPUT_MAX = 4_000;

export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** A draft with every optional field null. */
export function draft(
  fields: Partial<AgentEventDraft> & Pick<AgentEventDraft, 'key' | 'kind' | 'at'>,
): AgentEventDraft {
  return {
    source: 'transcript',
    text: null,
    tool: null,
    callId: null,
    input: null,
    outcome: null,
    path: null,
    ...fields,
  };
}

/** The tool input as JSON, cut; and the file it names when it names one (file_path, path, notebook_path). */
export function toolInput(input: unknown): { input: string; path: string | null } {
  const json = typeof input === 'string' ? input : JSON.stringify(input ?? null);
  const object = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const named = object.file_path ?? object.path ?? object.notebook_path;
  return { input: cut(json, INPUT_MAX), path: typeof named === 'string' ? named : null };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function timeOf(value: unknown): string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : new Date().toISOString();
}
