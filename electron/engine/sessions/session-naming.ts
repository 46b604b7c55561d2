import { randomBytes } from 'node:crypto';

export function newSessionId(): string {
  return randomBytes(4).toString('hex');
}

/** A lowercase, dash-separated, git-safe slug of free text (prompt or name), at most `max` characters. */
export function slugify(text: string, max = 32): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // drop the accents NFKD split off, so "résumé" becomes "resume", not "re-sume"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug || 'session';
}

/** A readable default name: the first words of the prompt, or the provider's id. */
export function defaultName(prompt: string, provider: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim();
  if (!words) return provider;
  return words.length > 40 ? `${words.slice(0, 39)}…` : words;
}

export function sessionName(base: string, index: number, count: number): string {
  return count > 1 ? `${base} #${index + 1}` : base;
}

export function branchName(prefix: string, slug: string, id: string): string {
  return `${prefix}${slug}-${id}`;
}
