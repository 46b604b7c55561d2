import type { HeavyFolder, RepoSettings, RepoSettingsPatch } from '../../../shared/worktree.js';

/** A repository's worktree setup as Settings edits it: the files one per line, the timeout as typed. */
export interface RepoSettingsDraft {
  copyFiles: string;
  setupCommand: string;
  setupTimeoutSec: string;
  /** Heavy folders one per line, all brought in the same way. */
  heavyFolders: string;
  heavyMode: HeavyFolder['mode'];
}

export type RepoSettingsField = 'repoPath' | 'copyFiles' | 'setupCommand' | 'setupTimeoutSec' | 'heavyFolders';
export type RepoSettingsErrors = Partial<Record<RepoSettingsField | 'general', string>>;

const FIELDS: readonly string[] = ['repoPath', 'copyFiles', 'setupCommand', 'setupTimeoutSec', 'heavyFolders'];

export function toRepoDraft(settings: RepoSettings): RepoSettingsDraft {
  return {
    copyFiles: settings.copyFiles.join('\n'),
    setupCommand: settings.setupCommand,
    setupTimeoutSec: String(settings.setupTimeoutSec),
    heavyFolders: settings.heavyFolders.map((f) => f.path).join('\n'),
    heavyMode: settings.heavyFolders[0]?.mode ?? 'clone',
  };
}

export function copyFileLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The whole draft as a patch: the host checks it (schema, then whether the command can be split into argv). */
export function repoSettingsPatch(repoPath: string, draft: RepoSettingsDraft): RepoSettingsPatch {
  const timeout = draft.setupTimeoutSec.trim();
  return {
    repoPath,
    copyFiles: copyFileLines(draft.copyFiles),
    setupCommand: draft.setupCommand.trim(),
    setupTimeoutSec: timeout === '' ? Number.NaN : Number(timeout),
    heavyFolders: copyFileLines(draft.heavyFolders).map((path) => ({ path, mode: draft.heavyMode })),
  };
}

function add(errors: RepoSettingsErrors, field: RepoSettingsField | 'general', text: string): void {
  errors[field] = errors[field] ? `${errors[field]}; ${text}` : text;
}

/**
 * Where a failed save's error belongs: each `field.index: message` of a VALIDATION (the contract's check
 * in the client or the host's) on its field, a file named by its line; the host's refusal of a setup
 * command it cannot split (quotes, shell operators) on the command; NOT_A_REPO on the repository.
 */
export function repoSettingsErrors(code: string | undefined, message: string, files: string[]): RepoSettingsErrors {
  if (code === 'NOT_A_REPO') return { repoPath: message };
  if (code !== 'VALIDATION') return { general: message };
  // The host's own check of the command is one sentence, which may hold "; " itself.
  if (/^setup command\b/.test(message)) return { setupCommand: message };
  const errors: RepoSettingsErrors = {};
  for (const part of message.replace(/^invalid \S+ payload: /, '').split('; ')) {
    const match = /^(\w+)(?:\.(\d+))?: (.*)$/s.exec(part);
    const field = match?.[1] ?? '';
    if (match && FIELDS.includes(field)) {
      const index = match[2] === undefined ? undefined : Number(match[2]);
      const file = index === undefined ? undefined : files[index];
      add(errors, field as RepoSettingsField, file === undefined ? (match[3] ?? part) : `"${file}": ${match[3]}`);
    } else add(errors, 'general', part);
  }
  return errors;
}
