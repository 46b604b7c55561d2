import { useMemo } from 'react';
import type { FilePatch } from '../../../shared/git.js';
import { parsePatch, toSplitRows, type PatchLine } from '../diff/parse-patch.js';
import type { PatchEntry } from '../stores/diff-store.js';

export type DiffLayout = 'unified' | 'split';

const SIGN: Record<PatchLine['kind'], string> = { add: '+', del: '-', context: ' ', hunk: '', note: '' };

/** One file's patch: numbered lines, added/removed colouring and the changed words of paired lines. */
export function DiffPatchView({ entry, layout }: { entry: PatchEntry | undefined; layout: DiffLayout }) {
  if (!entry || (entry.state === 'loading' && !entry.previous)) return <p className="diff-note muted">Loading…</p>;
  if (entry.state === 'error') return <p className="diff-note error-text">Could not load this file: {entry.error}</p>;
  const patch = entry.state === 'ready' ? entry.patch : entry.previous;
  if (!patch) return null;
  if (patch.kind !== 'text') return <p className="diff-note muted">{describeUnshown(patch)}</p>;
  return <PatchLines patch={patch.patch} layout={layout} />;
}

function PatchLines({ patch, layout }: { patch: string; layout: DiffLayout }) {
  const lines = useMemo(() => parsePatch(patch), [patch]);
  if (lines.length === 0) return <p className="diff-note muted">No line changes (mode or rename only).</p>;
  if (layout === 'split')
    return (
      <div className="patch split" role="table" aria-label="Side-by-side diff">
        {toSplitRows(lines).map((row, i) =>
          row.left === row.right && row.left && row.left.kind !== 'context' ? (
            <div key={i} className={`patch-row ${row.left.kind} full`}>
              <span className="patch-text">{row.left.text}</span>
            </div>
          ) : (
            <div key={i} className="patch-row split-row">
              <Half line={row.left} side="old" />
              <Half line={row.right} side="new" />
            </div>
          ),
        )}
      </div>
    );
  return (
    <div className="patch unified" role="table" aria-label="Unified diff">
      {lines.map((line, i) =>
        line.kind === 'hunk' || line.kind === 'note' ? (
          <div key={i} className={`patch-row ${line.kind} full`}>
            <span className="patch-text">{line.text}</span>
          </div>
        ) : (
          <div key={i} className={`patch-row ${line.kind}`}>
            <span className="patch-no">{line.oldNo ?? ''}</span>
            <span className="patch-no">{line.newNo ?? ''}</span>
            <span className="patch-sign">{SIGN[line.kind]}</span>
            <LineText line={line} />
          </div>
        ),
      )}
    </div>
  );
}

function Half({ line, side }: { line: PatchLine | null; side: 'old' | 'new' }) {
  if (!line) return <span className="patch-half empty" />;
  const no = side === 'old' ? line.oldNo : line.newNo;
  return (
    <span className={`patch-half ${line.kind}`}>
      <span className="patch-no">{no ?? ''}</span>
      <span className="patch-sign">{SIGN[line.kind]}</span>
      <LineText line={line} />
    </span>
  );
}

function LineText({ line }: { line: PatchLine }) {
  if (!line.words) return <span className="patch-text">{line.text}</span>;
  return (
    <span className="patch-text">
      {line.words.map((part, i) =>
        part.changed ? (
          <mark key={i} className="word-change">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'none';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describeUnshown(patch: FilePatch): string {
  const sizes = `${formatBytes(patch.oldSize)} → ${formatBytes(patch.newSize)}`;
  switch (patch.kind) {
    case 'binary':
      return `Binary file (${sizes}): not shown.`;
    case 'large':
      return patch.patchSize !== null
        ? `Diff too large to show (${formatBytes(patch.patchSize)}; file ${sizes}).`
        : `File too large to show (${sizes}).`;
    default:
      return 'No changes in this file any more.';
  }
}
