import path from 'node:path';
import type { AnyEvent } from '../../../shared/contract.js';
import { FlotillaError } from '../../../shared/errors.js';
import type { Session } from '../../../shared/session.js';
import type { Validator, ValidationReport, ValidatorRun } from '../../../shared/validation.js';
import type { Settings } from '../../../shared/settings.js';
import type { ValidatorRepository } from '../../store/validator-repository.js';
import type { EventHub } from '../event-hub.js';
import { treeOf, worktreeContentId } from './content-id.js';
import { runValidatorProcess } from './validator-process.js';
import { validatorLimit, ValidatorSlots } from './validator-slots.js';
import {
  cancelledReport,
  failureMessage,
  gateReason,
  interrupted,
  NO_VALIDATION,
  settle,
  startedReport,
} from './validation-report.js';

export interface ValidationDeps {
  store: ValidatorRepository;
  events: EventHub;
  session(ref: string): Session;
  repoRoot(repoPath: string): Promise<string>;
  settings(): Settings;
  sessionDir(id: string): string;
  /** The agent's environment for this session (its profile, its ports); read at each run. */
  env(id: string): Promise<NodeJS.ProcessEnv>;
  /** Queues a message to the agent (typed when it is idle); returns the message's id and state. */
  send(id: string, text: string): { id: number; state: string };
  addEvent(id: string, kind: string, detail: string): void;
  /** The worktree's content id (replaceable in tests). */
  contentId?: (worktree: string) => Promise<string>;
  onSpawn?: (id: string, name: string, pid: number) => void;
}

interface Run {
  head: string;
  controller: AbortController;
  done: Promise<ValidationReport>;
}

interface SessionState {
  run?: Run;
  /** A failure message to the agent, sent; the validators run again at its next idle once it is delivered. */
  pendingMessage?: number;
  rerunOnIdle: boolean;
  autoFixes: number;
  /** An idle check in flight (content id being computed), so a burst of events starts one. */
  checking: boolean;
  /** Counts runs started: a replaced run's late results must not overwrite its successor's report. */
  generation: number;
}

/** Runs each session's validators (on idle with new content, on demand), keeps the latest report, gates merges. */
export class ValidationService {
  private readonly states = new Map<string, SessionState>();
  private readonly slots: ValidatorSlots;
  private readonly unsubscribe: () => void;
  private readonly contentId: (worktree: string) => Promise<string>;
  private closed = false;

  constructor(private readonly deps: ValidationDeps) {
    this.slots = new ValidatorSlots(() => validatorLimit(deps.settings().validatorConcurrency));
    this.contentId = deps.contentId ?? worktreeContentId;
    this.unsubscribe = deps.events.subscribe((event) => this.onEvent(event));
  }

  async validators(session: Session): Promise<Validator[]> {
    return this.deps.store.list(await this.deps.repoRoot(session.repoPath));
  }

  /** The latest report (a run the host stopped in the middle shows as cancelled). */
  get(ref: string): ValidationReport {
    const id = this.deps.session(ref).id;
    const stored = this.deps.store.report(id);
    if (!stored) return NO_VALIDATION;
    return this.states.get(id)?.run ? stored : interrupted(stored);
  }

  /** Runs the validators on the session's current content, unless a run on that very content is under way. */
  async run(ref: string, force = true): Promise<ValidationReport> {
    const session = this.deps.session(ref);
    const validators = await this.validators(session);
    if (validators.length === 0) return NO_VALIDATION;
    const head = await this.contentId(session.worktreePath);
    // Closed while the content was read: close() saw no run to wait for, so none may start now.
    if (this.closed) return cancelledReport(head, validators);
    const state = this.state(session.id);
    if (state.run && treeOf(state.run.head) === treeOf(head)) return state.run.done;
    if (!force && treeOf(this.deps.store.report(session.id)?.head) === treeOf(head)) return this.get(session.id);
    state.run?.controller.abort(new Error('a newer change'));
    const controller = new AbortController();
    const generation = ++state.generation;
    const current = (): boolean => state.generation === generation;
    const done = this.execute(session.id, session.worktreePath, head, validators, controller.signal, current);
    const run: Run = { head, controller, done };
    state.run = run;
    const settled = (): void => {
      if (state.run === run) state.run = undefined;
    };
    run.done.then(settled, settled);
    return run.done;
  }

  /** Throws VALIDATION_REQUIRED unless the current content passed (or `override`, which the history records). */
  async gate(ref: string, override: boolean): Promise<void> {
    const session = this.deps.session(ref);
    if ((await this.validators(session)).length === 0) return;
    const current = treeOf(await this.contentId(session.worktreePath));
    const reason = gateReason(this.get(session.id), current);
    if (!reason) return;
    if (override) {
      this.deps.addEvent(session.id, 'merge-override', `merged although ${reason}`);
      return;
    }
    throw new FlotillaError('VALIDATION_REQUIRED', `merge refused: ${reason} (merge anyway with override)`);
  }

  /** Sends the failing validators' names and output tails to the agent; they run again once it is idle after it. */
  sendFailures(ref: string): string[] {
    const id = this.deps.session(ref).id;
    const failed = this.get(id).results.filter((r) => r.status === 'failed');
    if (failed.length === 0) throw new FlotillaError('INVALID_STATE', 'no failed validator to send');
    const state = this.state(id);
    const message = this.deps.send(id, failureMessage(failed));
    // An idle agent gets it at once, inside send(): its `delivered` event came before we knew its id.
    if (message.state === 'delivered') state.rerunOnIdle = true;
    else state.pendingMessage = message.id;
    return failed.map((r) => r.name);
  }

  /** Cancels the runs under way (their process groups killed) and waits for them to settle, before the database closes. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    const runs = [...this.states.values()].flatMap((state) => (state.run ? [state.run] : []));
    for (const run of runs) run.controller.abort(new Error('host closing'));
    await Promise.allSettled(runs.map((run) => run.done));
  }

  private state(id: string): SessionState {
    let state = this.states.get(id);
    if (!state) this.states.set(id, (state = { rerunOnIdle: false, autoFixes: 0, checking: false, generation: 0 }));
    return state;
  }

  private async execute(
    id: string,
    worktree: string,
    head: string,
    validators: Validator[],
    signal: AbortSignal,
    current: () => boolean,
  ): Promise<ValidationReport> {
    let report = startedReport(head, validators);
    const publish = (): void => {
      report = settle(report);
      if (!current()) return;
      this.deps.store.saveReport(id, report);
      this.deps.events.emit('validation.changed', { id, summary: report });
    };
    publish();
    let env: NodeJS.ProcessEnv;
    try {
      env = await this.deps.env(id);
    } catch (error) {
      // No environment, no run: every validator fails with the reason, rather than a run left "running".
      const reason = `[flotilla] could not prepare the environment: ${(error as Error).message}`;
      report.results = report.results.map((r) => ({ ...r, status: 'failed', outputTail: reason }));
      publish();
      return report;
    }
    for (const [index, validator] of validators.entries()) {
      const result = await this.runOne(id, worktree, head, validator, env, signal);
      report.results[index] = result;
      if (result.status === 'cancelled') {
        for (const rest of report.results.slice(index)) rest.status = 'cancelled';
      }
      publish();
      if (result.status === 'cancelled') break;
    }
    if (current() && (report.status === 'failed' || report.status === 'passed')) this.afterRun(id, report);
    return report;
  }

  private async runOne(
    id: string,
    worktree: string,
    head: string,
    validator: Validator,
    env: NodeJS.ProcessEnv,
    signal: AbortSignal,
  ): Promise<ValidatorRun> {
    const cancelled: ValidatorRun = {
      name: validator.name,
      status: 'cancelled',
      durationMs: null,
      exitCode: null,
      outputTail: '',
    };
    let release: () => void;
    try {
      release = await this.slots.acquire(signal);
    } catch {
      return cancelled;
    }
    try {
      const base = { id, name: validator.name, head };
      this.deps.events.emit('validator.started', { ...base, durationMs: null, exitCode: null, outputTail: '' });
      const outcome = await runValidatorProcess({
        argv: validator.argv,
        cwd: worktree,
        env,
        timeoutMs: validator.timeoutSec * 1000,
        logFile: path.join(this.deps.sessionDir(id), 'validation', `${validator.name}.log`),
        signal,
        onSpawn: (pid) => this.deps.onSpawn?.(id, validator.name, pid),
      });
      const payload = { ...base, durationMs: outcome.durationMs, exitCode: outcome.exitCode, outputTail: outcome.tail };
      if (outcome.outcome === 'cancelled')
        return { ...cancelled, durationMs: outcome.durationMs, outputTail: outcome.tail };
      this.deps.events.emit(outcome.outcome === 'passed' ? 'validator.passed' : 'validator.failed', payload);
      return {
        name: validator.name,
        status: outcome.outcome,
        durationMs: outcome.durationMs,
        exitCode: outcome.exitCode,
        outputTail: outcome.tail,
      };
    } finally {
      release();
    }
  }

  /** Auto-fix: a failure goes to the agent by itself, up to the setting's count per session until a pass. */
  private afterRun(id: string, report: ValidationReport): void {
    const state = this.state(id);
    if (report.status === 'passed') {
      state.autoFixes = 0;
      return;
    }
    if (this.closed || state.autoFixes >= this.deps.settings().validationAutoFix) return;
    state.autoFixes += 1;
    try {
      this.sendFailures(id);
      this.deps.addEvent(id, 'validation', `failures sent to the agent (auto-fix ${state.autoFixes})`);
    } catch (error) {
      this.deps.addEvent(id, 'validation', `auto-fix not sent: ${(error as Error).message}`);
    }
  }

  private onEvent(event: AnyEvent): void {
    if (this.closed) return;
    if (event.name === 'session.status' && event.payload.session.status === 'idle') {
      void this.idle(event.payload.session.id);
    } else if (event.name === 'session.diff') {
      void this.changed(event.payload.id);
    } else if (event.name === 'message.changed') {
      const message = event.payload.message;
      const state = this.states.get(message.targetId);
      if (state?.pendingMessage === message.id && message.state !== 'queued') {
        state.pendingMessage = undefined;
        state.rerunOnIdle = message.state === 'delivered';
      }
    } else if (event.name === 'session.removed') {
      this.states.get(event.payload.id)?.run?.controller.abort(new Error('session removed'));
      this.states.delete(event.payload.id);
    }
  }

  /** Idle with content not validated yet (or right after failures were sent): run. */
  private async idle(id: string): Promise<void> {
    const state = this.state(id);
    if (state.checking) return;
    state.checking = true;
    try {
      const force = state.rerunOnIdle;
      state.rerunOnIdle = false;
      await this.run(id, force);
    } catch {
      // A session gone or a worktree missing: its own events say so; nothing to validate.
    } finally {
      state.checking = false;
    }
  }

  /** A change while a run is under way: a run on older content is stale, cancel it (the next idle runs again). */
  private async changed(id: string): Promise<void> {
    const run = this.states.get(id)?.run;
    if (!run) return;
    try {
      const head = await this.contentId(this.deps.session(id).worktreePath);
      if (treeOf(head) !== treeOf(run.head)) run.controller.abort(new Error('a newer change'));
    } catch {
      // The worktree is gone: the run will fail on its own.
    }
  }
}
