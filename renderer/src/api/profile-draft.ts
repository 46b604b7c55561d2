import type { ProfileCreateRequest, ProfileUpdateRequest, ProviderProfile } from '../../../shared/provider-profile.js';

export interface EnvRow {
  key: number;
  name: string;
  value: string;
}

/** A profile as the Settings form edits it: text fields, extra arguments one per line, env as name/value rows. */
export interface ProfileDraft {
  provider: string;
  name: string;
  binaryPath: string;
  extraArgs: string;
  model: string;
  env: EnvRow[];
}

export type ProfileField = 'provider' | 'name' | 'binaryPath' | 'extraArgs' | 'model' | 'env';
export type ProfileErrors = Partial<Record<ProfileField | 'general', string>>;

const FIELDS: readonly string[] = ['provider', 'name', 'binaryPath', 'extraArgs', 'model', 'env'];

let nextKey = 1;
export function envRow(name = '', value = ''): EnvRow {
  return { key: nextKey++, name, value };
}

export function toDraft(profile: ProviderProfile | null, provider: string): ProfileDraft {
  if (!profile) return { provider, name: '', binaryPath: '', extraArgs: '', model: '', env: [envRow()] };
  return {
    provider: profile.provider,
    name: profile.name,
    binaryPath: profile.binaryPath ?? '',
    extraArgs: profile.extraArgs.join('\n'),
    model: profile.model ?? '',
    env: Object.entries(profile.env).map(([name, value]) => envRow(name, value)),
  };
}

/** `KEY=VALUE` lines (pasted into a name field) as rows; lines without "=" become names without a value. */
export function parseEnvLines(text: string): EnvRow[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const at = line.indexOf('=');
      return at < 0 ? envRow(line.trim()) : envRow(line.slice(0, at).trim(), line.slice(at + 1));
    });
}

type Fields = Omit<ProfileCreateRequest, 'provider'>;

/**
 * What the form sends, or what is wrong before asking: the host checks the rest (names of variables,
 * lengths, a duplicate profile name) and its VALIDATION errors land on the fields by `profileErrors`.
 */
export function draftFields(draft: ProfileDraft): { fields: Fields } | { errors: ProfileErrors } {
  const env: Record<string, string> = {};
  for (const row of draft.env) {
    const name = row.name.trim();
    if (!name && !row.value) continue;
    if (!name) return { errors: { env: 'A value needs a variable name' } };
    if (name in env) return { errors: { env: `${name} is set twice` } };
    env[name] = row.value;
  }
  const extraArgs = draft.extraArgs
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    fields: {
      name: draft.name,
      binaryPath: draft.binaryPath.trim() || null,
      extraArgs,
      model: draft.model.trim() || null,
      env,
    },
  };
}

export function createRequest(draft: ProfileDraft, fields: Fields): ProfileCreateRequest {
  return { provider: draft.provider, ...fields };
}

export function updateRequest(id: string, fields: Fields): ProfileUpdateRequest {
  return { id, ...fields };
}

/**
 * Where a typed error belongs in the form: each `path: message` of a VALIDATION (from the contract client's
 * check or the host's) on its field; a duplicate name on the name.
 */
export function profileErrors(code: string | undefined, message: string): ProfileErrors {
  if (code !== 'VALIDATION') return { general: message };
  if (/\bnamed\b.*already exists/.test(message)) return { name: message };
  const body = message.replace(/^invalid \S+ payload: /, '');
  const errors: ProfileErrors = {};
  for (const part of body.split('; ')) {
    const match = /^(\w+)(?:\.(.+?))?: (.*)$/s.exec(part);
    const field = match?.[1] ?? '';
    if (!match || !FIELDS.includes(field)) {
      errors.general = errors.general ? `${errors.general}; ${part}` : part;
      continue;
    }
    const text = field === 'env' && match[2] ? envMessage(match[2], match[3] ?? '') : (match[3] ?? part);
    const key = field as ProfileField;
    errors[key] = errors[key] ? `${errors[key]}; ${text}` : text;
  }
  return errors;
}

function envMessage(name: string, message: string): string {
  // zod reports a bad record key only as "Invalid key in record"; say what a valid name is.
  if (/invalid key/i.test(message))
    return `"${name}" is not a variable name: use letters, digits and "_", not starting with a digit`;
  return `${name}: ${message}`;
}
