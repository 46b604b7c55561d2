import { splitFanoutName } from '../format/fanout-name.js';

/**
 * A session's name whose text is ellipsized (by the caller's CSS on `.name-text`) while a fan-out suffix
 * ("#2") stays whole beside it: the copies of one prompt are told apart by it.
 */
export function SessionName({ name }: { name: string }) {
  const { text, suffix } = splitFanoutName(name);
  return (
    <>
      <span className="name-text">{text}</span>
      {suffix ? <span className="name-suffix">{suffix}</span> : null}
    </>
  );
}
