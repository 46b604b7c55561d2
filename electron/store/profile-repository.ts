import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { FlotillaError } from '../../shared/errors.js';
import {
  ProviderProfile,
  type ProfileCreateInput,
  type ProfileUpdateInput,
} from '../../shared/provider-profile.js';

interface ProfileRow {
  id: string;
  provider: string;
  name: string;
  binary_path: string | null;
  extra_args: string;
  model: string | null;
  env: string;
  created_at: string;
  updated_at: string;
}

function parseJson(json: string, fallback: unknown): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return fallback;
  }
}

function fromRow(row: ProfileRow): ProviderProfile {
  const candidate = {
    id: row.id,
    provider: row.provider,
    name: row.name,
    binaryPath: row.binary_path,
    extraArgs: parseJson(row.extra_args, []),
    model: row.model,
    env: parseJson(row.env, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  const parsed = ProviderProfile.safeParse(candidate);
  // A hand-edited row with broken args or env must not hide the profile (or break list()).
  return parsed.success ? parsed.data : { ...candidate, extraArgs: [], env: {} };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

/** Provider profiles in SQLite. Names are unique per provider; a profile is found by id or by name. */
export class ProfileRepository {
  constructor(private readonly db: Database.Database) {}

  list(): ProviderProfile[] {
    return this.db.prepare<[], ProfileRow>('SELECT * FROM provider_profiles ORDER BY provider, name').all().map(fromRow);
  }

  get(id: string): ProviderProfile | undefined {
    const row = this.db.prepare<[string], ProfileRow>('SELECT * FROM provider_profiles WHERE id = ?').get(id);
    return row ? fromRow(row) : undefined;
  }

  /** By id, or by a name that only one profile has. */
  find(ref: string): ProviderProfile {
    const direct = this.get(ref);
    if (direct) return direct;
    const named = this.list().filter((p) => p.name === ref);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) {
      throw new FlotillaError('AMBIGUOUS', `several profiles are named "${ref}" (${named.map((p) => `${p.provider}: ${p.id}`).join(', ')}); use an id`);
    }
    throw new FlotillaError('NOT_FOUND', `no provider profile "${ref}"`);
  }

  create(input: ProfileCreateInput): ProviderProfile {
    const at = new Date().toISOString();
    const profile: ProviderProfile = { id: `prof-${randomBytes(4).toString('hex')}`, ...input, createdAt: at, updatedAt: at };
    try {
      this.db
        .prepare(
          `INSERT INTO provider_profiles (id, provider, name, binary_path, extra_args, model, env, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(profile.id, profile.provider, profile.name, profile.binaryPath, JSON.stringify(profile.extraArgs), profile.model, JSON.stringify(profile.env), at, at);
    } catch (error) {
      if (isUniqueViolation(error)) throw new FlotillaError('VALIDATION', `a ${input.provider} profile named "${input.name}" already exists`);
      throw error;
    }
    return profile;
  }

  update(patch: ProfileUpdateInput): ProviderProfile {
    const current = this.find(patch.id);
    const next: ProviderProfile = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.binaryPath !== undefined ? { binaryPath: patch.binaryPath } : {}),
      ...(patch.extraArgs !== undefined ? { extraArgs: patch.extraArgs } : {}),
      ...(patch.model !== undefined ? { model: patch.model } : {}),
      ...(patch.env !== undefined ? { env: patch.env } : {}),
      updatedAt: new Date().toISOString(),
    };
    try {
      this.db
        .prepare(
          `UPDATE provider_profiles SET name = ?, binary_path = ?, extra_args = ?, model = ?, env = ?, updated_at = ? WHERE id = ?`,
        )
        .run(next.name, next.binaryPath, JSON.stringify(next.extraArgs), next.model, JSON.stringify(next.env), next.updatedAt, next.id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new FlotillaError('VALIDATION', `a ${next.provider} profile named "${next.name}" already exists`);
      throw error;
    }
    return next;
  }

  delete(ref: string): void {
    const profile = this.find(ref);
    this.db.prepare('DELETE FROM provider_profiles WHERE id = ?').run(profile.id);
  }
}
