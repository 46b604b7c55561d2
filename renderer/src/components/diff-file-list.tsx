import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DiffFile } from '../../../shared/git.js';

const ROW_HEIGHT = 26;
const OVERSCAN = 8;
const STATUS_LETTER: Record<DiffFile['status'], string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R' };

/**
 * The changed files, virtualized: only the rows in view are in the DOM, so 1,000 files open at once.
 * j/k or ↑/↓ move between files while the list has focus; v marks the selected file viewed.
 */
export function DiffFileList(props: {
  files: readonly DiffFile[];
  selected: string | null;
  viewed: Record<string, true>;
  onSelect(path: string): void;
  onMove(step: number): void;
  onToggleViewed(path: string): void;
}) {
  const { files, selected } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the selected row in view as the keyboard moves it.
  const selectedIndex = files.findIndex((f) => f.path === selected);
  useEffect(() => {
    const el = ref.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedIndex]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(files.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 }[event.key];
    if (step) props.onMove(step);
    else if (event.key === 'v' && selected) props.onToggleViewed(selected);
    else return;
    // Handled here: the dashboard's own j/k (next session) must not also run.
    event.preventDefault();
  };

  return (
    <div
      ref={ref}
      className="diff-files"
      role="listbox"
      aria-label="Changed files"
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? `diff-file-${selectedIndex}` : undefined}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: files.length * ROW_HEIGHT, position: 'relative' }}>
        {files.slice(first, last).map((file, offset) => {
          const index = first + offset;
          const isSelected = file.path === selected;
          const viewed = props.viewed[file.path] === true;
          return (
            <div
              key={file.path}
              id={`diff-file-${index}`}
              role="option"
              aria-selected={isSelected}
              aria-label={file.path}
              className={`diff-file${isSelected ? ' selected' : ''}${viewed ? ' viewed' : ''}`}
              style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
              title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
              onClick={() => props.onSelect(file.path)}
            >
              <span className={`diff-status diff-status-${file.status}`} aria-label={file.status}>
                {STATUS_LETTER[file.status]}
              </span>
              <span className="diff-file-path">
                <span className="diff-file-dir">{dirOf(file.path)}</span>
                {baseOf(file.path)}
              </span>
              {file.uncommitted ? (
                <span className="diff-uncommitted-mark" title="Not committed yet" aria-label="not committed">
                  ●
                </span>
              ) : null}
              <FileCounts file={file} />
              <span className="diff-viewed-mark" aria-label={viewed ? 'viewed' : undefined}>
                {viewed ? '✓' : ''}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function FileCounts({ file }: { file: DiffFile }) {
  if (file.binary || file.large) return <span className="diff-counts muted">{file.large ? 'large' : 'bin'}</span>;
  return (
    <span className="diff-counts">
      <span className={file.additions ? 'plus' : 'zero'}>+{file.additions}</span>{' '}
      <span className={file.deletions ? 'minus' : 'zero'}>−{file.deletions}</span>
    </span>
  );
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
