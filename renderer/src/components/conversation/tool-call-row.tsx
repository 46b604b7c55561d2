import type { ConversationItem } from './conversation-items.js';

type ToolItem = Extract<ConversationItem, { type: 'tool' }>;

/** Pretty JSON when the input is JSON, else as written. */
function readable(input: string | null): string {
  if (!input) return '';
  try {
    return JSON.stringify(JSON.parse(input), null, 2);
  } catch {
    return input;
  }
}

const FILE_VERB = { 'file.created': 'created', 'file.modified': 'modified', 'file.deleted': 'deleted' } as const;

/** A path inside the session's worktree as the user knows it there (the full one stays in the tooltip). */
export function shortPath(path: string | null, root: string | undefined): string {
  if (!path) return '';
  return root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** A tool call: name, what it works on and how it ended; expanded, its input, its output and the files it wrote. */
export function ToolCallRow({ item, open, root }: { item: ToolItem; open: boolean; root?: string | undefined }) {
  const first = item.invoked ?? item.completed;
  const tool = item.invoked?.tool ?? item.completed?.tool ?? 'tool';
  const path = item.invoked?.path ?? item.completed?.path ?? null;
  const target = path ? shortPath(path, root) : firstLine(item.invoked?.input ?? '');
  const outcome = item.completed?.outcome ?? 'running';
  return (
    <details className="convo-tool" open={open} data-outcome={outcome}>
      <summary>
        <span className="convo-tool-name">{tool}</span>
        <span className="convo-tool-target" title={path ?? target}>
          {target}
        </span>
        <span className={`convo-outcome convo-outcome-${outcome}`}>{outcome}</span>
        {first && <time className="convo-time">{new Date(first.at).toLocaleTimeString()}</time>}
      </summary>
      <div className="convo-tool-body">
        {item.invoked?.input && (
          <>
            <div className="convo-label">Input</div>
            <pre className="convo-pre">{readable(item.invoked.input)}</pre>
          </>
        )}
        {item.completed?.text && (
          <>
            <div className="convo-label">Result</div>
            <pre className="convo-pre">{item.completed.text}</pre>
          </>
        )}
        {item.files.map((file) => (
          <div key={file.seq} className="convo-file">
            {FILE_VERB[file.kind as keyof typeof FILE_VERB] ?? file.kind}{' '}
            <code title={file.path ?? ''}>{shortPath(file.path, root)}</code>
          </div>
        ))}
      </div>
    </details>
  );
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
