import '../styles/folded-text.css';

/**
 * A message whose first line (what happened, and what to do) shows, with the rest (git's own full
 * output) folded under "Show more" so a long error neither gets cut nor fills the screen.
 */
export function FoldedText({ text }: { text: string }) {
  const [head = '', ...rest] = text.split('\n');
  const more = rest.join('\n').trim();
  if (!more) return <span className="folded-text">{text}</span>;
  return (
    <span className="folded-text">
      <span>{head}</span>
      <details>
        <summary>Show more</summary>
        <pre>{more}</pre>
      </details>
    </span>
  );
}
