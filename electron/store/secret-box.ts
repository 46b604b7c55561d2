/**
 * Encrypts secrets before they are written to the database, and decrypts them when read. The desktop
 * app passes one backed by the OS keychain (Electron safeStorage); the headless host has none, so its
 * secrets are protected by file modes only (the 0600 database in the 0700 data directory). The
 * engine never imports 'electron': the box is handed in from outside.
 */
export interface SecretBox {
  encrypt(plain: string): string;
  /** Throws when the value was sealed by another key (another machine, a reset keychain). */
  decrypt(sealed: string): string;
}

/** Stored values made by a box start with this; plain JSON never does. */
export const SEALED_PREFIX = 'sealed:v1:';

export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

export function seal(box: SecretBox, plain: string): string {
  return `${SEALED_PREFIX}${box.encrypt(plain)}`;
}

/** The plain value, or undefined when there is no box or it cannot open this one. */
export function unseal(box: SecretBox | undefined, stored: string): string | undefined {
  if (!isSealed(stored)) return stored;
  if (!box) return undefined;
  try {
    return box.decrypt(stored.slice(SEALED_PREFIX.length));
  } catch {
    return undefined;
  }
}
