import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding Flotilla's package.json, whether this code runs from source or from dist/. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Flotilla package root');
    dir = parent;
  }
  cached = dir;
  return dir;
}

/**
 * A file Flotilla ships for another program to run or load (the hook client, opencode's plugin): in the packaged
 * app it lies unpacked beside app.asar (electron-builder.yml asarUnpack), since only Electron reads the archive.
 */
export function shippedFile(root: string, ...segments: string[]): string {
  return path.join(root.replace(/app\.asar(?=$|[\\/])/, 'app.asar.unpacked'), ...segments);
}
