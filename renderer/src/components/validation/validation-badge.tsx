import '../../styles/validation.css';
import { useEffect } from 'react';
import { api } from '../../api/api-instance.js';
import { loadValidation } from '../../api/validation-sync.js';
import { useValidationStore } from '../../stores/validation-store.js';

/** The card's validation badge: running, passed, or failed naming the validator. */
export function ValidationBadge({ id }: { id: string }) {
  const report = useValidationStore((s) => s.byId[id]);
  useEffect(() => {
    void loadValidation(api(), id);
  }, [id]);
  if (!report || report.status === 'none' || report.status === 'stale') return null;
  const failed = report.results.filter((r) => r.status === 'failed').map((r) => r.name);
  const text =
    report.status === 'failed'
      ? `✗ ${failed.join(', ')}`
      : report.status === 'passed'
        ? '✓ checks'
        : report.status === 'running'
          ? '… checking'
          : 'checks cancelled';
  const title =
    report.status === 'failed'
      ? `Validator${failed.length > 1 ? 's' : ''} failed: ${failed.join(', ')}`
      : `Validation ${report.status}: ${report.results.map((r) => `${r.name} ${r.status}`).join(', ')}`;
  return (
    <span
      className={`validation-badge validation-${report.status}`}
      data-validation={report.status}
      aria-label="Validation"
      title={title}
    >
      {text}
    </span>
  );
}
