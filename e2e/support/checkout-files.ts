import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every file of a checkout (`.git` left out) with its text, keyed by its path relative to `dir`. */
export function checkoutFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (name === '.git') continue;
      if (entry.isDirectory()) walk(name);
      else files[name] = readFileSync(path.join(dir, name), 'utf8');
    }
  };
  walk('');
  return files;
}
