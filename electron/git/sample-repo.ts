import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';
import { git } from './run-git.js';

/** The folder, under the data directory, of the repository a first run can try agents on. */
export const SAMPLE_REPO_DIR = 'sample-repo';

/** A tiny project an agent can read and change in a few seconds; nothing in it runs on its own. */
const FILES: Record<string, string> = {
  'README.md':
    '# Sample project\n\nA small repository made by Flotilla to try agents on. Each agent works in its own\n' +
    'worktree and branch, so nothing here changes until you merge.\n\n## Usage\n\n```sh\nnode src/greet.js World\n```\n',
  'src/greet.js':
    '/** Says hello to whoever is named on the command line. */\nexport function greet(name) {\n  return `Hello, ${name}!`;\n}\n\n' +
    'if (process.argv[2]) console.log(greet(process.argv[2]));\n',
  'package.json': '{\n  "name": "flotilla-sample",\n  "version": "0.1.0",\n  "type": "module",\n  "private": true\n}\n',
  '.gitignore': 'node_modules/\n',
};

/**
 * The commit is Flotilla's, whatever the user's git config says: no identity needed, no signing prompt,
 * no hooks from a global hooksPath.
 */
const COMMIT_CONFIG = [
  ...['-c', 'user.name=Flotilla', '-c', 'user.email=flotilla@localhost'],
  ...['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'],
];

const inFlight = new Map<string, Promise<string>>();

/**
 * `<dataDir>/sample-repo`: a git repository on `main` with a few files and one commit, made on the first
 * call and returned as it is on later ones (also when two calls overlap).
 */
export function createSampleRepo(dataDir: string): Promise<string> {
  const target = path.join(path.resolve(dataDir), SAMPLE_REPO_DIR);
  let pending = inFlight.get(target);
  if (!pending) {
    pending = ensureSampleRepo(target).finally(() => inFlight.delete(target));
    inFlight.set(target, pending);
  }
  return pending;
}

async function ensureSampleRepo(target: string): Promise<string> {
  if (await isSampleRepo(target)) return target;
  if (await exists(target))
    throw new FlotillaError(
      'INVALID_STATE',
      `${target} exists but is not a git repository with a commit; move it away`,
    );
  // Built aside and renamed into place, so a crash half-way never leaves a broken sample behind.
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const staging = await mkdtemp(`${target}.tmp-`);
  try {
    for (const [file, text] of Object.entries(FILES)) {
      await mkdir(path.join(staging, path.dirname(file)), { recursive: true });
      await writeFile(path.join(staging, file), text);
    }
    await git(['-c', 'init.defaultBranch=main', 'init', '--quiet'], { cwd: staging });
    // Older gits ignore init.defaultBranch: name the branch explicitly.
    await git(['symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: staging });
    await git(['add', '--all'], { cwd: staging });
    await git([...COMMIT_CONFIG, 'commit', '--quiet', '--no-verify', '-m', 'Sample project'], { cwd: staging });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process made it in the meantime: theirs is as good.
    if (await isSampleRepo(target)) return target;
    throw error;
  }
  return target;
}

/** Whether `dir` is itself a repository (not a folder inside another one) with a commit on HEAD. */
async function isSampleRepo(dir: string): Promise<boolean> {
  if (!(await exists(path.join(dir, '.git')))) return false;
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: dir, okExitCodes: [0, 1, 128] });
  return head.exitCode === 0;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
