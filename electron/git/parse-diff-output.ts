import type { DiffFile, FileStatus } from '../../shared/git.js';

const SUBMODULE_MODE = '160000';

function statusOf(letter: string): FileStatus {
  if (letter === 'A') return 'added';
  if (letter === 'D') return 'deleted';
  if (letter === 'R') return 'renamed';
  return 'modified'; // M, T (type change), and anything else git may add
}

interface RawEntry {
  path: string;
  oldPath: string | null;
  status: FileStatus;
  submodule: boolean;
}

/**
 * Parses `git diff --raw --numstat -z -M`: first every raw record (`:modes shas STATUS\0path\0`, or
 * `\0old\0new\0` for a rename), then every numstat record (`add\tdel\tpath\0`, or `add\tdel\t\0old\0new\0`).
 * `-z` means paths come verbatim: spaces, tabs, quotes and unicode need no unquoting.
 */
export function parseRawNumstat(output: string): DiffFile[] {
  const tokens = output.split('\0');
  const raw = new Map<string, RawEntry>();
  const order: string[] = [];
  const counts = new Map<string, { additions: number; deletions: number; binary: boolean }>();
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i++] ?? '';
    if (token === '') continue;
    if (token.startsWith(':')) {
      const [oldMode = '', newMode = '', , , status = ''] = token.slice(1).split(' ');
      const letter = status.charAt(0);
      const renamed = letter === 'R' || letter === 'C';
      const oldPath = renamed ? (tokens[i++] ?? '') : null;
      const filePath = tokens[i++] ?? '';
      raw.set(filePath, {
        path: filePath,
        oldPath: letter === 'R' ? oldPath : null,
        status: letter === 'C' ? 'added' : statusOf(letter),
        submodule: oldMode === SUBMODULE_MODE || newMode === SUBMODULE_MODE,
      });
      order.push(filePath);
      continue;
    }
    // Split at the first two tabs only: a path may hold tabs itself.
    const tab1 = token.indexOf('\t');
    const tab2 = token.indexOf('\t', tab1 + 1);
    const add = token.slice(0, tab1);
    const del = token.slice(tab1 + 1, tab2);
    let filePath = token.slice(tab2 + 1);
    if (filePath === '') {
      i++; // the old path of a rename
      filePath = tokens[i++] ?? '';
    }
    const binary = add === '-' && del === '-';
    counts.set(filePath, { additions: binary ? 0 : Number(add), deletions: binary ? 0 : Number(del), binary });
  }
  return order.map((filePath) => {
    const entry = raw.get(filePath)!;
    const count = counts.get(filePath) ?? { additions: 0, deletions: 0, binary: false };
    return { ...entry, ...count, large: false, size: null, uncommitted: false };
  });
}
