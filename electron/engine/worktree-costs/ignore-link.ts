import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { git } from '../../git/run-git.js';

async function ignored(cwd: string, file: string): Promise<boolean> {
  const result = await git(['check-ignore', '-q', '--', file], { cwd, okExitCodes: [0, 1] });
  return result.exitCode === 0;
}

/**
 * A symlinked heavy folder is a file to git: `node_modules/` in .gitignore (a folder pattern, the usual
 * way) does not ignore it, so the agent's `git add .` would commit the link. When the repository ignores
 * the folder itself, the link is added to the repository's info/exclude (shared by its worktrees, outside
 * the tree) as `/path`, which ignores the link and the folder alike. Returns what the history should say.
 */
export async function ignoreLink(repoPath: string, worktreePath: string, folder: string): Promise<string | null> {
  if (await ignored(worktreePath, folder)) return null;
  if (!(await ignored(repoPath, `${folder}/`)))
    return `the link ${folder} is not ignored by git: it shows as a change and a commit of everything would include it`;
  const common = await git(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoPath });
  const exclude = path.join(common.stdout.trim(), 'info', 'exclude');
  const existing = await readFile(exclude, 'utf8').catch(() => '');
  const line = `/${folder}`;
  if (!existing.split('\n').includes(line)) {
    await mkdir(path.dirname(exclude), { recursive: true });
    const lead = existing === '' || existing.endsWith('\n') ? '' : '\n';
    await appendFile(exclude, `${lead}# Flotilla: ${folder} is symlinked into session worktrees\n${line}\n`);
  }
  return `added ${line} to ${exclude}, so git ignores the link as it ignores the folder`;
}
