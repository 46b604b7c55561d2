import '../styles/commit-files.css';
import { useEffect, useRef } from 'react';
import type { DiffFile } from '../../../shared/git.js';
import { FileCounts } from './diff-file-list.js';

/** A checkbox per changed file (all checked at first), and one that includes or leaves out them all. */
export function CommitFilePicker(props: {
  files: readonly DiffFile[];
  excluded: ReadonlySet<string>;
  truncatedFrom?: number | undefined;
  onChange(excluded: Set<string>): void;
}) {
  const { files, excluded } = props;
  const included = files.filter((f) => !excluded.has(f.path)).length;
  const all = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (all.current) all.current.indeterminate = included > 0 && included < files.length;
  }, [included, files.length]);
  const toggle = (path: string, on: boolean) => {
    const next = new Set(excluded);
    if (on) next.delete(path);
    else next.add(path);
    props.onChange(next);
  };
  return (
    <fieldset className="commit-files">
      <legend className="commit-files-head">
        <label className="toggle">
          <input
            ref={all}
            type="checkbox"
            checked={included === files.length}
            onChange={(event) => props.onChange(event.target.checked ? new Set() : new Set(files.map((f) => f.path)))}
          />
          Include all files
        </label>
        <span className="muted small">
          {included} of {files.length} selected
        </span>
      </legend>
      <ul className="commit-file-rows">
        {files.map((file) => (
          <li key={file.path}>
            <label className="commit-file" title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}>
              <input
                type="checkbox"
                aria-label={`Include ${file.path}`}
                checked={!excluded.has(file.path)}
                onChange={(event) => toggle(file.path, event.target.checked)}
              />
              <span className={`diff-status diff-status-${file.status}`} aria-hidden="true">
                {file.status[0]?.toUpperCase()}
              </span>
              <span className="commit-file-path">{file.path}</span>
              <FileCounts file={file} />
            </label>
          </li>
        ))}
      </ul>
      {props.truncatedFrom ? (
        <p className="muted small">
          Only {files.length} of {props.truncatedFrom} changed files are listed. With all of them included, every change
          is committed; otherwise only the checked files.
        </p>
      ) : null}
    </fieldset>
  );
}
