import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { FlotillaError } from '../../shared/errors.js';
import { ProviderProfile, type ProfileCreateInput, type ProfileUpdateInput } from '../../shared/provider-profile.js';
import { isSealed, seal, unseal, type SecretBox } from './secret-box.js';

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

/**
 * Provider profiles in SQLite. Names are unique per provider; a profile is found by id or by name.
 * A profile's env (API keys) is sealed by the secret box when there is one (the desktop app's OS
 * keychain); without one it is stored as JSON in the 0600 database.
 */
export class ProfileRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly box?: SecretBox,
  ) {
    if (!box) return;
    try {
      this.sealPlainEnvs(box);
    } catch (error) {
      // A keychain that refuses (locked, access denied) must not stop the app from starting; they stay as they were.
      console.error(
        `flotilla: profile secrets left unencrypted: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** For the list: a profile whose env this host cannot open shows without it. */
  list(): ProviderProfile[] {
    return this.rows().map((row) => this.read(row, false));
  }

  /** For a launch: a profile whose env this host cannot open is an error, not a launch without its keys. */
  get(id: string): ProviderProfile | undefined {
    const row = this.row(id);
    return row ? this.read(row, true) : undefined;
  }

  /** By id, or by a name that only one profile has. */
  find(ref: string): ProviderProfile {
    return this.read(this.findRow(ref), true);
  }

  private rows(): ProfileRow[] {
    return this.db.prepare<[], ProfileRow>('SELECT * FROM provider_profiles ORDER BY provider, name').all();
  }

  private row(id: string): ProfileRow | undefined {
    return this.db.prepare<[string], ProfileRow>('SELECT * FROM provider_profiles WHERE id = ?').get(id);
  }

  private read(row: ProfileRow, needEnv: boolean): ProviderProfile {
    const env = unseal(this.box, row.env);
    if (env === undefined && needEnv) {
      throw new FlotillaError(
        'INVALID_STATE',
        `profile "${row.name}" (${row.id}) has its environment encrypted with the desktop app's keychain, which this host cannot open; use it from the desktop app, or set its variables again here`,
      );
    }
    return fromRow({ ...row, env: env ?? '{}' });
  }

  private storedEnv(env: Record<string, string>): string {
    const json = JSON.stringify(env);
    return this.box ? seal(this.box, json) : json;
  }

  /** Profiles saved before there was a box (or by the headless host) get sealed once the box is here. */
  private sealPlainEnvs(box: SecretBox): void {
    const plain = this.rows().filter((row) => !isSealed(row.env));
    if (plain.length === 0) return;
    const update = this.db.prepare('UPDATE provider_profiles SET env = ? WHERE id = ?');
    this.db.transaction(() => plain.forEach((row) => update.run(seal(box, row.env), row.id)))();
    // The old plain rows would otherwise stay in the WAL until it is reused (secure_delete zeroes the pages).
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  private findRow(ref: string): ProfileRow {
    const direct = this.row(ref);
    if (direct) return direct;
    const named = this.rows().filter((p) => p.name === ref);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) {
      throw new FlotillaError(
        'AMBIGUOUS',
        `several profiles are named "${ref}" (${named.map((p) => `${p.provider}: ${p.id}`).join(', ')}); use an id`,
      );
    }
    throw new FlotillaError('NOT_FOUND', `no provider profile "${ref}"`);
  }

  create(input: ProfileCreateInput): ProviderProfile {
    const at = new Date().toISOString();
    const profile: ProviderProfile = {
      id: `prof-${randomBytes(4).toString('hex')}`,
      ...input,
      createdAt: at,
      updatedAt: at,
    };
    try {
      this.db
        .prepare(
          `INSERT INTO provider_profiles (id, provider, name, binary_path, extra_args, model, env, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          profile.id,
          profile.provider,
          profile.name,
          profile.binaryPath,
          JSON.stringify(profile.extraArgs),
          profile.model,
          this.storedEnv(profile.env),
          at,
          at,
        );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new FlotillaError('VALIDATION', `a ${input.provider} profile named "${input.name}" already exists`);
      throw error;
    }
    return profile;
  }

  update(patch: ProfileUpdateInput): ProviderProfile {
    const row = this.findRow(patch.id);
    const current = this.read(row, false);
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
        .run(
          next.name,
          next.binaryPath,
          JSON.stringify(next.extraArgs),
          next.model,
          // An env this host cannot open stays as it is unless the update sets a new one.
          patch.env !== undefined ? this.storedEnv(patch.env) : row.env,
          next.updatedAt,
          next.id,
        );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new FlotillaError('VALIDATION', `a ${next.provider} profile named "${next.name}" already exists`);
      throw error;
    }
    return next;
  }

  delete(ref: string): void {
    const row = this.findRow(ref);
    this.db.prepare('DELETE FROM provider_profiles WHERE id = ?').run(row.id);
  }
}
