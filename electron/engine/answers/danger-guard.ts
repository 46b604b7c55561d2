import path from 'node:path';
import v8 from 'node:v8';
import { GUARD_LINE_LIMIT, GUARD_RULES, type GuardRuleId } from '../../../shared/guard-rules.js';

/** Where the agent works: what counts as "outside", and which branch must not be reset. */
export interface DangerContext {
  worktreePath: string;
  baseBranch: string;
  homeDir: string;
}

export interface DangerFinding {
  rule: string;
  reason: string;
  /** The command (or line) that matched. */
  command: string;
}

/**
 * One guard rule. A rule matches a whole line (`line`) or one simple command of it (`program` against
 * argv[0] and `args` against the rest). With `targets`, it fires only when one of the command's path
 * operands points outside the worktree (or cannot be resolved); with `baseBranch`, only when the line
 * names the base branch or the command runs outside the worktree.
 */
export interface DangerRule {
  id: GuardRuleId;
  reason: string;
  line?: RegExp;
  program?: RegExp;
  args?: RegExp;
  targets?: 'operands' | 'last-operand';
  baseBranch?: true;
}

/** Redirections are checked as the pseudo-command `>` whose operand is the file written. */
const REDIRECT = '>';
/** File dialogs ("Do you want to make this edit to x?") are checked as the pseudo-command `edit x`. */
const EDIT = 'edit';

/** Matchers per built-in rule; their reasons (what users see) come from shared/guard-rules.ts. */
const MATCHERS: readonly Omit<DangerRule, 'reason'>[] = [
  {
    id: 'pipe-to-shell',
    line: /\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+)?(?:env\s+(?:\w+=\S*\s+)*)?(?:ba|z|da|k|fi)?sh\b/,
  },
  {
    id: 'shell-runs-download',
    line: /\b(?:ba|z|da|k)?sh\b[^|;&]*(?:<\(|\$\(|`)\s*(?:curl|wget)\b/,
  },
  { id: 'sudo', program: /^(?:sudo|doas|pkexec)$/ },
  {
    id: 'rm-recursive-outside-worktree',
    program: /^rm$/,
    args: /(?:^|\s)(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)(?:\s|$)/,
    targets: 'operands',
  },
  {
    id: 'force-push',
    program: /^git$/,
    args: /(?:^|\s)push\b.*(?:\s(?:--force(?:-with-lease)?(?:=\S*)?|-[a-zA-Z]*f[a-zA-Z]*)(?:\s|$)|\s\+\S)/,
  },
  {
    id: 'reset-hard-base',
    program: /^git$/,
    args: /(?:^|\s)reset\b.*\s--hard\b/,
    baseBranch: true,
  },
  { id: 'mkfs', program: /^mkfs(?:\.\w+)?$/ },
  { id: 'dd-to-device', program: /^dd$/, args: /(?:^|\s)of=\/dev\// },
  {
    id: 'recursive-chmod-chown-outside-worktree',
    program: /^(?:chmod|chown|chgrp)$/,
    args: /(?:^|\s)(?:-[a-zA-Z]*R[a-zA-Z]*|--recursive)(?:\s|$)/,
    targets: 'operands',
  },
  { id: 'redirect-outside-worktree', program: /^>$/, targets: 'operands' },
  { id: 'edit-outside-worktree', program: /^edit$/, targets: 'operands' },
  {
    id: 'write-outside-worktree',
    program: /^(?:tee|touch|mkdir|truncate)$/,
    targets: 'operands',
  },
  {
    id: 'copy-outside-worktree',
    program: /^(?:cp|mv|install|rsync|ln)$/,
    targets: 'last-operand',
  },
  {
    id: 'sed-in-place-outside-worktree',
    program: /^sed$/,
    args: /(?:^|\s)(?:-i\S*|--in-place\S*)(?:\s|$)/,
    targets: 'operands',
  },
];

const REASONS = new Map<string, string>(GUARD_RULES.map((r) => [r.id, r.reason]));
export const DANGER_RULES: readonly DangerRule[] = MATCHERS.map((m) => ({ ...m, reason: REASONS.get(m.id) ?? m.id }));

/** Files writing to which is harmless. */
const HARMLESS_TARGETS = /^\/dev\/(?:null|stdout|stderr|tty|fd\/\d+)$/;
/** Commands that run the rest of their argv as another command. */
const WRAPPERS = /^(?:env|nohup|time|nice|ionice|timeout|command|exec|xargs)$/;

interface SimpleCommand {
  argv: string[];
  /** The directory it runs in, as far as `cd` earlier on the line tells; null when unknown. */
  cwd: string | null;
  text: string;
}

/** Splits a shell word list, honouring quotes (no expansion). */
function words(text: string): string[] {
  const out: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** Lines of shell as shown on screen, prompts ("$ ") and bullets removed; a `quoted` command is a line of its own. */
function commandLines(text: string): string[] {
  return text.split('\n').flatMap((raw) => {
    const line = raw.replace(/^\s*(?:\$|>|❯|›|•|-)\s+/, '').trim();
    const quoted = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
    return [line.replace(/`[^`]*`/g, ' ').trim(), ...quoted].filter(Boolean);
  });
}

/** The simple commands of one line (split on ; && || | and newlines), with redirections as `>` commands. */
function simpleCommands(line: string, ctx: DangerContext): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let cwd: string | null = ctx.worktreePath;
  for (const part of line.split(/\s*(?:&&|\|\||;|\|)\s*/)) {
    let text = part.trim();
    if (!text) continue;
    for (const redirect of text.matchAll(/(?:^|[^<>&\d])\d?>>?\s*(?!&)("[^"]*"|'[^']*'|[^\s;&|]+)/g)) {
      out.push({ argv: [REDIRECT, words(redirect[1]!)[0] ?? ''], cwd, text });
    }
    text = text.replace(/\d?>>?\s*&?\S+/g, ' ').trim();
    let argv = words(text);
    // Variable assignments and wrappers in front of the real program.
    while (argv.length > 0 && (/^[A-Za-z_]\w*=/.test(argv[0]!) || WRAPPERS.test(argv[0]!))) argv = argv.slice(1);
    if (argv.length === 0) continue;
    const inner = /^(?:ba|z|da|k)?sh$/.test(argv[0]!) && argv[1] === '-c' ? argv[2] : undefined;
    if (inner !== undefined) {
      out.push(...simpleCommands(inner, ctx).map((c) => ({ ...c, cwd: c.cwd === ctx.worktreePath ? cwd : c.cwd })));
      continue;
    }
    if (argv[0] === 'cd') {
      cwd = resolveTarget(argv[1] ?? '~', cwd, ctx);
      continue;
    }
    out.push({ argv, cwd, text });
    // `sudo x`: the command it runs is checked too.
    if (/^(?:sudo|doas)$/.test(argv[0]!)) {
      const rest = argv
        .slice(1)
        .filter((a, i, all) => !(a.startsWith('-') && all.slice(0, i).every((b) => b.startsWith('-'))));
      if (rest.length > 0) out.push({ argv: rest, cwd, text });
    }
  }
  return out;
}

/** An absolute path for `target` as seen from `cwd`; null when it depends on the environment or a glob at the root. */
function resolveTarget(target: string, cwd: string | null, ctx: DangerContext): string | null {
  let t = target.replace(/^["']|["']$/g, '');
  if (/[$`]/.test(t) || /^\/\*/.test(t)) return null;
  if (t === '~' || t.startsWith('~/')) t = path.join(ctx.homeDir, t.slice(1));
  if (path.isAbsolute(t)) return path.normalize(t);
  return cwd === null ? null : path.resolve(cwd, t);
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function operands(argv: string[], which: 'operands' | 'last-operand'): string[] {
  const values = argv
    .slice(1)
    .filter((a) => !a.startsWith('-') && !/^\d+$/.test(a) && !/^[ugoa]*[-+=][rwxXst]*$/.test(a));
  return which === 'last-operand' ? values.slice(-1) : values;
}

function escapesWorktree(command: SimpleCommand, which: 'operands' | 'last-operand', ctx: DangerContext): boolean {
  return operands(command.argv, which).some((target) => {
    if (HARMLESS_TARGETS.test(target)) return false;
    const resolved = resolveTarget(target, command.cwd, ctx);
    return resolved === null || !isInside(resolved, ctx.worktreePath);
  });
}

function matches(rule: DangerRule, command: SimpleCommand, line: string, ctx: DangerContext): boolean {
  if (rule.program && !rule.program.test(command.argv[0] ?? '')) return false;
  if (rule.args && !rule.args.test(command.argv.slice(1).join(' '))) return false;
  if (rule.targets && !escapesWorktree(command, rule.targets, ctx)) return false;
  if (rule.baseBranch) {
    const names = new RegExp(`(?:^|[\\s/:])${ctx.baseBranch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[\\s~^@])`);
    const dashC = command.argv.indexOf('-C');
    const dir = dashC > 0 ? resolveTarget(command.argv[dashC + 1] ?? '', command.cwd, ctx) : command.cwd;
    const outside = dir === null || !isInside(dir, ctx.worktreePath);
    if (!names.test(line) && !outside) return false;
  }
  return true;
}

/** File names a dialog asks to write: "make this edit to x", "create x", "write to x", "overwrite x". */
const FILE_DIALOG = /\b(?:edit to|create|write to|overwrite)\s+(\S+?)\??$/i;

/** The user's adjustments to the guard (the Settings fields of the same names). */
export interface GuardSettings {
  /** Built-in rules that never block. */
  guardDisabledRules: readonly string[];
  /** Regex sources; one matching a command line blocks it. */
  guardExtraPatterns: readonly string[];
}

export const DEFAULT_GUARD: GuardSettings = { guardDisabledRules: [], guardExtraPatterns: [] };

// Lets user patterns run on V8's linear-time regex engine (flag `l`): a pattern like `(a+)+$` or
// `.*.*.*x` then costs linear time instead of minutes. The flag only adds `l`; other regexes are unchanged.
v8.setFlagsFromString('--enable-experimental-regexp-engine');
const LINEAR_FLAG = (() => {
  const flag = 'l';
  try {
    return new RegExp('', flag).flags;
  } catch {
    return '';
  }
})();

/** The user's patterns, compiled; one that does not compile (validated at the boundary, so never expected) is skipped. */
function compilePatterns(sources: readonly string[]): { source: string; regex: RegExp }[] {
  return sources.flatMap((source) => {
    try {
      return [{ source, regex: new RegExp(source, LINEAR_FLAG) }];
    } catch {
      return [];
    }
  });
}

/**
 * The first rule the text breaks, or null. The text is what the agent asks plus the command or file its
 * dialog shows; each line is read as shell, conservatively (an unresolvable target counts as outside).
 * Built-in rules the user disabled never block; the user's patterns block a line they match (they see at
 * most GUARD_LINE_LIMIT characters of it, so a backtracking-prone pattern cannot stall the host).
 */
export function findDanger(
  text: string,
  ctx: DangerContext,
  guard: GuardSettings = DEFAULT_GUARD,
): DangerFinding | null {
  const disabled = new Set(guard.guardDisabledRules);
  const rules = DANGER_RULES.filter((rule) => !disabled.has(rule.id));
  const patterns = compilePatterns(guard.guardExtraPatterns);
  for (const line of commandLines(text)) {
    const dialogFile = FILE_DIALOG.exec(line)?.[1];
    const commands = dialogFile
      ? [{ argv: [EDIT, dialogFile], cwd: ctx.worktreePath, text: line }]
      : simpleCommands(line, ctx);
    for (const rule of rules) {
      if (rule.line) {
        if (rule.line.test(line)) return { rule: rule.id, reason: rule.reason, command: line };
        continue;
      }
      const hit = commands.find((command) => matches(rule, command, line, ctx));
      if (hit) return { rule: rule.id, reason: rule.reason, command: hit.text };
    }
    const capped = line.slice(0, GUARD_LINE_LIMIT);
    const own = patterns.find((p) => p.regex.test(capped));
    if (own) return { rule: 'user-pattern', reason: `matches your guard pattern ${own.source}`, command: line };
  }
  return null;
}
