import { GUARD_RULES, MAX_GUARD_PATTERNS, guardPatternProblem } from '../../../shared/guard-rules.js';

/** The guard as edited in the Settings form: disabled rule ids and the patterns' text, one per line. */
export interface GuardDraft {
  disabled: readonly string[];
  patterns: string;
}

/** The patterns typed in the textarea: one per line, surrounding spaces and blank lines dropped. */
export function patternLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** What is wrong with the typed patterns, one message per bad line (checked as the user types). */
export function guardProblems(text: string): string[] {
  const lines = patternLines(text);
  const problems = lines.flatMap((line, i) => {
    const problem = guardPatternProblem(line);
    return problem ? [`Line ${i + 1}: ${problem}`] : [];
  });
  if (lines.length > MAX_GUARD_PATTERNS) problems.push(`At most ${MAX_GUARD_PATTERNS} patterns`);
  return problems;
}

/**
 * The "Auto-yes guard" part of Settings: each built-in rule with a checkbox (checked = active) and the
 * user's own patterns. Saved with the rest of the form; `error` is what the host said on the last save.
 */
export function GuardSettings(props: {
  draft: GuardDraft;
  onChange: (draft: GuardDraft) => void;
  error?: string | undefined;
}) {
  const { draft, onChange } = props;
  const disabled = new Set(draft.disabled);
  const problems = guardProblems(draft.patterns);
  const shown = problems.length > 0 ? problems : props.error ? [props.error] : [];
  const toggle = (id: string, active: boolean) =>
    onChange({ ...draft, disabled: active ? draft.disabled.filter((d) => d !== id) : [...draft.disabled, id] });

  return (
    <section className="guard-settings" aria-labelledby="st-guard-title">
      <h3 className="form-section" id="st-guard-title">
        Auto-yes guard
      </h3>
      <p className="muted guard-intro">
        Auto-yes leaves a question waiting for you when its command breaks an active rule or matches one of your
        patterns.
      </p>
      <fieldset className="guard-rules">
        <legend>
          Built-in rules{' '}
          <span className="muted">
            ({GUARD_RULES.length - disabled.size} of {GUARD_RULES.length} active)
          </span>
        </legend>
        {GUARD_RULES.map((rule) => (
          <label key={rule.id} className="toggle guard-rule" title={rule.id}>
            <input
              type="checkbox"
              checked={!disabled.has(rule.id)}
              onChange={(e) => toggle(rule.id, e.target.checked)}
            />
            <span>{rule.reason}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="st-guard-patterns">Your guard patterns</label>
        <textarea
          id="st-guard-patterns"
          className="guard-patterns"
          rows={3}
          spellCheck={false}
          placeholder={'make\\s+deploy\n^npm publish'}
          value={draft.patterns}
          aria-invalid={shown.length > 0}
          aria-describedby="st-guard-patterns-help"
          onChange={(e) => onChange({ ...draft, patterns: e.target.value })}
        />
        {shown.length > 0 ? (
          <ul className="field-error guard-errors" role="alert" id="st-guard-patterns-help">
            {shown.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : (
          <small className="muted" id="st-guard-patterns-help">
            One JavaScript regular expression per line, matched against each command line the agent asks to run.
          </small>
        )}
      </div>
    </section>
  );
}
