import type { Validator, ValidationReport, ValidatorRun } from '../../../shared/validation.js';

export const NO_VALIDATION: ValidationReport = { status: 'none', head: null, results: [] };

/** A run about to start: every validator pending (shown as running: it is queued behind the slots). */
export function startedReport(head: string, validators: readonly Validator[]): ValidationReport {
  return {
    status: 'running',
    head,
    results: validators.map((v) => ({
      name: v.name,
      status: 'running',
      durationMs: null,
      exitCode: null,
      outputTail: '',
    })),
  };
}

/** The overall status from the results: any failure fails it; a cancel before a failure cancels it. */
export function settle(report: ValidationReport): ValidationReport {
  const statuses = report.results.map((r) => r.status);
  const status = statuses.includes('failed')
    ? 'failed'
    : statuses.includes('cancelled')
      ? 'cancelled'
      : statuses.includes('running')
        ? 'running'
        : 'passed';
  return { ...report, status };
}

/** A report kept from before a host restart that was still running: nothing finishes it now. */
export function interrupted(report: ValidationReport): ValidationReport {
  if (report.status !== 'running') return report;
  return settle({
    ...report,
    results: report.results.map((r): ValidatorRun => (r.status === 'running' ? { ...r, status: 'cancelled' } : r)),
  });
}

const MESSAGE_TAIL_CHARS = 1500;

/** The text sent to the agent: which validators failed, how, and the end of what each printed. */
export function failureMessage(failed: readonly ValidatorRun[]): string {
  const names = failed.map((r) => r.name).join(', ');
  const parts = failed.map((r) => {
    const tail =
      r.outputTail.length > MESSAGE_TAIL_CHARS ? `…${r.outputTail.slice(-MESSAGE_TAIL_CHARS)}` : r.outputTail;
    return `Validator ${r.name} failed (exit ${r.exitCode ?? 'none'}). Output tail: ${tail.trim()}`;
  });
  return `Validators failed: ${names}. Please fix the cause so they pass. ${parts.join(' | ')}`;
}

/** Why a merge is refused, for the error and the merge dialog. */
export function gateReason(report: ValidationReport | undefined, currentTree: string | undefined): string | undefined {
  if (!report || report.status === 'none' || !report.head) return 'not validated';
  if (report.head.split(':')[1] !== currentTree) return 'not validated on the current changes';
  if (report.status === 'passed') return undefined;
  if (report.status === 'failed') {
    const failed = report.results.filter((r) => r.status === 'failed').map((r) => r.name);
    return `validator ${failed.join(', ')} failed`;
  }
  if (report.status === 'running') return 'validation still running';
  return 'not validated (the last run was cancelled)';
}

/** A run that never started (the host was closing): every validator cancelled. */
export function cancelledReport(head: string, validators: Validator[]): ValidationReport {
  return {
    status: 'cancelled',
    head,
    results: validators.map((v) => ({
      name: v.name,
      status: 'cancelled',
      durationMs: null,
      exitCode: null,
      outputTail: '',
    })),
  };
}
