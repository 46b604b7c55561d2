import { homedir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { FlotillaError } from '../../../shared/errors.js';
import type { PromptQuestion, Session } from '../../../shared/session.js';
import type { Provider } from '../../providers/provider.js';
import type { SessionRecord } from '../../store/session-repository.js';
import { DEFAULT_GUARD, findDanger, type DangerContext, type GuardSettings } from './danger-guard.js';

export type Answer = { kind: 'approve' } | { kind: 'deny' } | { kind: 'option'; option: number };

/** Who answered: the user (UI or CLI) or the session's auto-yes. */
export type Answerer = 'user' | 'auto-yes';

/** Lets auto-yes see a dialog finish drawing before it types: TUIs drop keys sent while they set up input. */
export const AUTO_YES_DELAY_MS = 150;

/** The keys that give `answer` to `question` in this provider's CLI; refuses an option the question does not have. */
export function answerKeys(provider: Provider, question: PromptQuestion, answer: Answer): string {
  refuseUnanswerable(question);
  if (answer.kind === 'deny') {
    const keys = provider.keys.deny(question);
    if (keys === null) {
      throw new FlotillaError(
        'INVALID_STATE',
        `"${question.text}" has no option that declines (${question.options.join(' / ')}): choose one, or answer it in the terminal`,
      );
    }
    return keys;
  }
  const k = answer.kind === 'approve' ? 1 : answer.option;
  if (!Number.isInteger(k) || k < 1 || k > question.options.length) {
    throw new FlotillaError(
      'VALIDATION',
      `option ${k} is not one of the ${question.options.length} options of "${question.text}"`,
    );
  }
  return provider.keys.option(k, question);
}

/** Sign-in and error screens are no questions Flotilla answers: the user signs in, or retries, in the terminal. */
function refuseUnanswerable(question: PromptQuestion): void {
  if (question.kind === 'sign-in') {
    throw new FlotillaError('INVALID_STATE', `needs sign-in: ${question.hint ?? 'open the terminal and sign in'}`);
  }
  if (question.kind === 'error') {
    throw new FlotillaError(
      'INVALID_STATE',
      `the agent stopped on an error, not a question: ${question.text}. ${question.hint ?? ''}`.trim(),
    );
  }
}

/** The same question on screen: a moved highlight is the same question, another text or menu is not. */
export function sameQuestion(a: PromptQuestion, b: PromptQuestion): boolean {
  return a.text === b.text && a.detail === b.detail && a.options.join('\n') === b.options.join('\n');
}

/** The history event of an answer: its kind and a line naming who answered, with which option, to what. */
export function answerEvent(question: PromptQuestion, answer: Answer, by: Answerer): { kind: string; detail: string } {
  if (answer.kind === 'approve')
    return { kind: 'approved', detail: `by ${by}: ${question.options[0] ?? 'yes'} — ${question.text}` };
  if (answer.kind === 'deny')
    return { kind: 'denied', detail: `by ${by}: ${question.options.at(-1) ?? 'no'} — ${question.text}` };
  const label = question.options[answer.option - 1] ?? '';
  return { kind: 'chose', detail: `by ${by}: option ${answer.option} "${label}" — ${question.text}` };
}

export type AutoYesVerdict = { approve: true } | { approve: false; reason: string };

/** Whether auto-yes may say yes: only to a permission question, never to what the danger guard (as the user set it) blocks. */
export function autoYesVerdict(
  question: PromptQuestion,
  ctx: DangerContext,
  guard: GuardSettings = DEFAULT_GUARD,
): AutoYesVerdict {
  if (question.kind === 'sign-in') {
    return { approve: false, reason: `auto-yes cannot sign in: ${question.hint ?? question.text}` };
  }
  if (question.kind === 'error') return { approve: false, reason: `auto-yes cannot fix an error: ${question.text}` };
  if (question.kind !== undefined && question.kind !== 'permission') {
    return { approve: false, reason: `auto-yes leaves sign-in and setup screens to you: "${question.text}"` };
  }
  const finding = findDanger([question.text, question.detail ?? ''].join('\n'), ctx, guard);
  if (finding) return { approve: false, reason: `auto-yes refused: ${finding.reason} (${finding.command})` };
  return { approve: true };
}

/** How long an answer may take to change the agent's screen before it counts as not taken. */
export const ANSWER_CONFIRM_MS = 3000;
const CONFIRM_POLL_MS = 40;
const NOT_TAKEN = 'the agent did not take the answer';

/** What answering needs from the engine. */
export interface AnswerHost {
  record(id: string): SessionRecord | undefined;
  provider(record: SessionRecord): Provider;
  /** The agent's visible screen now (top to bottom); null when no agent runs. */
  screen(id: string): Promise<string[] | null>;
  /** Types into the live agent; throws INVALID_STATE when there is none. */
  write(id: string, data: string): void;
  addEvent(id: string, kind: string, detail: string): void;
  attention(id: string, reason: string): void;
  session(id: string): Session;
  /** The guard settings now (read per question, so a change applies to the next one without a restart). */
  guard(): GuardSettings;
}

/**
 * Answers the question a session waits on, for the user or for auto-yes (behind the danger guard). The keys
 * are worked out from the screen as it is at that moment, and the answer counts only once the question has
 * left the screen: a TUI that ignored the keys is reported, not claimed as answered.
 */
export class SessionAnswers {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Sessions with an answer being typed: a second one (a double click) would land on whatever comes next. */
  private readonly answering = new Set<string>();

  constructor(private readonly host: AnswerHost) {}

  async answer(id: string, answer: Answer, by: Answerer): Promise<Session> {
    const record = this.host.record(id);
    if (!record || record.status !== 'waiting' || !record.question) {
      throw new FlotillaError('INVALID_STATE', `session ${id} is not waiting for an answer`);
    }
    refuseUnanswerable(record.question);
    if (this.answering.has(id))
      throw new FlotillaError('INVALID_STATE', `an answer to session ${id} is still being typed`);
    this.answering.add(id);
    try {
      const provider = this.host.provider(record);
      // Read afresh: the user may have moved an arrow menu's highlight in the terminal since it was detected.
      const lines = await this.host.screen(id);
      const onScreen = lines ? provider.readScreen(lines).question : null;
      if (!onScreen || !sameQuestion(onScreen, record.question)) {
        throw new FlotillaError(
          'INVALID_STATE',
          `"${record.question.text}" is no longer on the screen of session ${id}`,
        );
      }
      this.host.write(id, answerKeys(provider, onScreen, answer));
      if (!(await this.leftScreen(id, provider, onScreen))) {
        const reason = `${NOT_TAKEN}: "${onScreen.text}" is still on its screen after ${ANSWER_CONFIRM_MS / 1000} s; answer it in the terminal`;
        this.host.addEvent(id, 'answer-not-taken', reason);
        throw new FlotillaError('INVALID_STATE', reason);
      }
      const event = answerEvent(onScreen, answer, by);
      this.host.addEvent(id, event.kind, event.detail);
      return this.host.session(id);
    } finally {
      this.answering.delete(id);
    }
  }

  /** Whether the question left the screen (or the agent exited on the answer) within ANSWER_CONFIRM_MS. */
  private async leftScreen(id: string, provider: Provider, question: PromptQuestion): Promise<boolean> {
    const deadline = Date.now() + ANSWER_CONFIRM_MS;
    while (Date.now() < deadline) {
      await delay(CONFIRM_POLL_MS);
      const lines = await this.host.screen(id);
      if (!lines) return true;
      const now = provider.readScreen(lines).question;
      if (!now || !sameQuestion(now, question)) return true;
    }
    return false;
  }

  /**
   * Auto-yes met the session's question: approves it shortly (if it is still the same question), or leaves
   * the session waiting, records why and raises `session.attention`.
   */
  autoAnswer(id: string): void {
    const record = this.host.record(id);
    if (!record?.question || record.status !== 'waiting') return;
    const verdict = autoYesVerdict(
      record.question,
      { worktreePath: record.worktreePath, baseBranch: record.baseBranch, homeDir: homedir() },
      this.host.guard(),
    );
    if (!verdict.approve) {
      this.host.addEvent(id, 'auto-yes-blocked', verdict.reason);
      this.host.attention(id, verdict.reason);
      return;
    }
    const question = record.question;
    clearTimeout(this.pending.get(id));
    this.pending.set(
      id,
      setTimeout(() => {
        this.pending.delete(id);
        const now = this.host.record(id);
        if (!now?.autoYes || now.status !== 'waiting' || !now.question || !sameQuestion(now.question, question)) return;
        this.answer(id, { kind: 'approve' }, 'auto-yes').catch((error: unknown) => {
          // The agent exited or moved on meanwhile: nothing to answer. Keys it ignored: someone must look.
          if (error instanceof Error && error.message.startsWith(NOT_TAKEN)) this.host.attention(id, error.message);
        });
      }, AUTO_YES_DELAY_MS).unref(),
    );
  }

  /** Forgets a scheduled auto-answer (the session stopped). */
  cancel(id: string): void {
    clearTimeout(this.pending.get(id));
    this.pending.delete(id);
  }
}
