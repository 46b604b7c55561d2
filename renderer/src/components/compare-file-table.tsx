import { useEffect, useRef } from 'react';
import type { DiffFile } from '../../../shared/git.js';
import '../styles/conflicts.css';
import type { CompareRow } from '../stores/compare-files.js';

const STATUS_LETTER: Record<DiffFile['status'], string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R' };

/** Every file either session changed, with what each did to it; j/k (or ↑/↓) and clicks pick the file shown. */
export function CompareFileTable(props: {
  rows: readonly CompareRow[];
  /** Files the forecast says merging both would conflict in: marked. */
  conflicting: ReadonlySet<string>;
  selected: string | null;
  leftName: string;
  rightName: string;
  onSelect(path: string): void;
}) {
  const { rows, selected } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <div ref={ref} className="compare-files">
      <table aria-label="Changed files in both sessions">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" title={props.leftName}>
              {props.leftName}
            </th>
            <th scope="col" title={props.rightName}>
              {props.rightName}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const isSelected = row.path === selected;
            const shared = row.left && row.right;
            const conflict = props.conflicting.has(row.path);
            return (
              <tr
                key={row.path}
                aria-selected={isSelected}
                className={`${isSelected ? 'selected' : ''}${shared ? ' shared' : ''}${conflict ? ' conflict' : ''}`}
                data-conflict={conflict ? 'true' : undefined}
                onClick={() => props.onSelect(row.path)}
              >
                <td className="compare-path">
                  <button type="button" className="link" title={row.path} onClick={() => props.onSelect(row.path)}>
                    {row.path}
                  </button>
                  {conflict ? (
                    <span className="compare-conflict-mark" title="Merging both sessions would conflict in this file">
                      ⚠ conflict
                    </span>
                  ) : null}
                </td>
                <SideCell file={row.left} />
                <SideCell file={row.right} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SideCell({ file }: { file: DiffFile | null }) {
  if (!file)
    return (
      <td className="compare-cell none">
        <span className="muted">not changed</span>
      </td>
    );
  return (
    <td className="compare-cell changed">
      <span className={`diff-status diff-status-${file.status}`} title={file.status}>
        {STATUS_LETTER[file.status]}
      </span>{' '}
      {file.binary || file.large ? (
        <span className="muted">{file.large ? 'large' : 'binary'}</span>
      ) : (
        <>
          <span className={file.additions ? 'plus' : 'zero'}>+{file.additions}</span>{' '}
          <span className={file.deletions ? 'minus' : 'zero'}>−{file.deletions}</span>
        </>
      )}
    </td>
  );
}
