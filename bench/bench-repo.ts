import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const IDENTITY = ['-c', 'user.name=Flotilla Bench', '-c', 'user.email=bench@flotilla.invalid'];

/** A repo the size of vite's (~3,000 files in nested folders, one commit) in a temp dir. */
export function makeBenchRepo(files = 3000): { dir: string; repo: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-'));
  const repo = path.join(dir, 'repo');
  for (let i = 0; i < files; i++) {
    const folder = path.join(repo, 'packages', `pkg-${i % 30}`, 'src', `dir-${i % 7}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `file-${i}.ts`), `export const value${i} = ${i};\n`.repeat(20));
  }
  execFileSync('git', ['init', '-q', repo]);
  execFileSync('git', ['-C', repo, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  execFileSync('git', ['-C', repo, 'add', '-A']);
  execFileSync('git', ['-C', repo, ...IDENTITY, 'commit', '-qm', 'bench repo']);
  return { dir, repo };
}
