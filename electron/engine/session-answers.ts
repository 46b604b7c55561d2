import { homedir } from 'node:os';
import { FlotillaError } from '../../shared/errors.js';
import type { PromptQuestion, Session } from '../../shared/session.js';
import type { Provider } from '../providers/provider.js';
import type { SessionRecord } from '../store/session-repository.js';
import { DEFAULT_GUARD, findDanger, type DangerContext, type GuardSettings } from './danger-guard.js';

export type Answer = { kind: 'approve' } | { kind: 'deny' } | { kind: 'option'; option: number };

/** Who answered: the user (UI or CLI) or the session's auto-yes. */
export type Answerer = 'user' | 'auto-yes';

/** Lets auto-yes see a dialog finish drawing before it types: TUIs drop keys sent while they set up input. */
export const AUTO_YES_DELAY_MS = 150;

/** The keys that give `answer` to `question` in this provider's CLI; refuses an option the question does not have. */
export function answerKeys(provider: Provider, question: PromptQuestion, answer: Answer): string {
  if (answer.kind === 'deny') return provider.keys.deny(question);
  const k = answer.kind === 'approve' ? 1 : answer.option;
  if (!Number.isInteger(k) || k < 1 || k > question.options.length) {
    throw new FlotillaError('VALIDATION', `option ${k} is not one of the ${question.options.length} options of "${question.text}"`);
  }
  return provider.keys.option(k, question);
}

/** The history event of an answer: its kind and a line naming who answered, with which option, to what. */
export function answerEvent(question: PromptQuestion, answer: Answer, by: Answerer): { kind: string; detail: string } {
  if (answer.kind === 'approve') return { kind: 'approved', detail: `by ${by}: ${question.options[0] ?? 'yes'} — ${question.text}` };
  if (answer.kind === 'deny') return { kind: 'denied', detail: `by ${by}: ${question.options.at(-1) ?? 'no'} — ${question.text}` };
  const label = question.options[answer.option - 1] ?? '';
  return { kind: 'chose', detail: `by ${by}: option ${answer.option} "${label}" — ${question.text}` };
}

export type AutoYesVerdict = { approve: true } | { approve: false; reason: string };

/** Whether auto-yes may say yes: never to a setup screen, never to what the danger guard (as the user set it) blocks. */
export function autoYesVerdict(
  question: PromptQuestion,
  ctx: DangerContext,
  guard: GuardSettings = DEFAULT_GUARD,
): AutoYesVerdict {
  if (question.kind === 'setup') {
    return { approve: false, reason: `auto-yes leaves sign-in and setup screens to you: "${question.text}"` };
  }
  const finding = findDanger([question.text, question.detail ?? ''].join('\n'), ctx, guard);
  if (finding) return { approve: false, reason: `auto-yes refused: ${finding.reason} (${finding.command})` };
  return { approve: true };
}

/** What answering needs from the engine. */
export interface AnswerHost {
  record(id: string): SessionRecord | undefined;
  provider(record: SessionRecord): Provider;
  /** Types into the live agent; throws INVALID_STATE when there is none. */
  write(id: string, data: string): void;
  addEvent(id: string, kind: string, detail: string): void;
  attention(id: string, reason: string): void;
  session(id: string): Session;
  /** The guard settings now (read per question, so a change applies to the next one without a restart). */
  guard(): GuardSettings;
}

/** Answers the question a session waits on, for the user or for auto-yes (behind the danger guard). */
export class SessionAnswers {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly host: AnswerHost) {}

  answer(id: string, answer: Answer, by: Answerer): Session {
    const record = this.host.record(id);
    if (!record || record.status !== 'waiting' || !record.question) {
      throw new FlotillaError('INVALID_STATE', `session ${id} is not waiting for an answer`);
    }
    const keys = answerKeys(this.host.provider(record), record.question, answer);
    this.host.write(id, keys);
    const event = answerEvent(record.question, answer, by);
    this.host.addEvent(id, event.kind, event.detail);
    return this.host.session(id);
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
        try {
          const now = this.host.record(id);
          if (!now?.autoYes || now.status !== 'waiting' || now.question?.text !== question.text || now.question.detail !== question.detail) return;
          this.answer(id, { kind: 'approve' }, 'auto-yes');
        } catch {
          // The agent exited, moved on, or the engine closed in the meantime; nothing to answer.
        }
      }, AUTO_YES_DELAY_MS).unref(),
    );
  }

  /** Forgets a scheduled auto-answer (the session stopped). */
  cancel(id: string): void {
    clearTimeout(this.pending.get(id));
    this.pending.delete(id);
  }
}
