import type { FilePatch, SessionDiff } from '../../shared/git.js';
import type { OrphanRemoval, WorktreeReport } from '../../shared/worktree.js';
import { formatTable } from './format.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `git diff --stat`-like table: status, +/-, path (renames as old → new). */
export function formatDiffStat(diff: SessionDiff): string {
  const rows = [['STATUS', '+', '-', 'FILE']];
  for (const f of diff.files) {
    const counts = f.large
      ? ['large', formatBytes(f.size ?? 0)]
      : f.binary
        ? ['bin', '']
        : [`+${f.additions}`, `-${f.deletions}`];
    rows.push([f.status, counts[0]!, counts[1]!, f.oldPath ? `${f.oldPath} → ${f.path}` : f.path]);
  }
  const base = `against ${diff.baseBranch} at ${diff.base.slice(0, 10)}`;
  const moved = diff.behind > 0 ? `; ${diff.baseBranch} has ${diff.behind} newer commit(s)` : '';
  const summary = `${diff.changedFiles} file(s) changed, +${diff.additions} -${diff.deletions} (${base}, ${diff.ahead} commit(s)${moved})`;
  return diff.files.length > 0 ? `${formatTable(rows)}\n${summary}` : `no changes (${base})`;
}

/** One line for a file whose patch is not shown. */
export function formatPatchNote(patch: FilePatch): string {
  const sizes = `${patch.oldSize === null ? '-' : formatBytes(patch.oldSize)} → ${patch.newSize === null ? '-' : formatBytes(patch.newSize)}`;
  if (patch.kind === 'binary') return `Binary file ${patch.path} differs (${sizes})`;
  if (patch.kind === 'large') {
    const diff = patch.patchSize === null ? '' : `, diff ${formatBytes(patch.patchSize)}`;
    return `File ${patch.path} is too large to show (${sizes}${diff})`;
  }
  return `${patch.path}: no changes`;
}

export function formatWorktreeReport(report: WorktreeReport): string {
  const lines: string[] = [];
  if (report.orphans.length === 0) lines.push('no orphan worktrees');
  else {
    const rows = [['SIZE', 'BRANCH', 'REPO', 'PATH']];
    for (const o of report.orphans) rows.push([formatBytes(o.bytes), o.branch ?? '-', o.repoPath ?? '-', o.path]);
    lines.push(
      `worktree folders no session knows (remove one with: flotilla orphans --remove PATH):\n${formatTable(rows)}`,
    );
  }
  for (const m of report.missing) lines.push(`session ${m.id}: worktree ${m.worktreePath} is missing`);
  return lines.join('\n');
}

export function formatOrphanRemoval(removed: OrphanRemoval): string {
  const what = removed.kind === 'worktree' ? 'worktree' : 'folder';
  const kept =
    removed.kind === 'worktree' && removed.branch ? `; branch ${removed.branch} kept in ${removed.repoPath}` : '';
  return `removed ${what} ${removed.path} (${formatBytes(removed.bytes)})${kept}`;
}
