import { parseArgs } from 'node:util';
import { FlotillaError } from '../../shared/errors.js';
import { resolveDataDir } from '../data-dir.js';
import { VERSION } from '../version.js';
import { commands, UsageError } from './commands.js';
import { gitCommands } from './git-commands.js';
import { agentCommands } from './agent-commands.js';
import { openCommands } from './open-command.js';
import { importCommands } from './import-command.js';
import { USAGE_HELP, usageCommands } from './usage-command.js';
import { EVENTS_HELP, eventsCommands } from './events-command.js';
import { CliError, connect } from './connect.js';
import { cliInvocation } from './cli-path.js';
import { runToken } from './token-command.js';
import { teamCommands } from './team-commands.js';
import { MESSAGE_HELP, messageCommands } from './message-commands.js';
import { lockCommands } from './lock-commands.js';
import { MCP_HELP, runMcp } from './mcp-command.js';
import { VALIDATION_HELP, VALIDATION_OPTIONS, validationCommands } from './validation-commands.js';
import { REVIEW_HELP, REVIEW_OPTIONS, reviewCommands } from './review-commands.js';
import { CONFLICT_HELP, CONFLICT_OPTIONS, conflictCommands } from './conflict-commands.js';
import { MERGE_QUEUE_HELP, MERGE_QUEUE_OPTIONS, mergeQueueCommands } from './merge-queue-commands.js';
import { WORKTREE_COST_HELP, WORKTREE_COST_OPTIONS, worktreeCostCommands } from './worktree-cost-commands.js';

const USAGE = `flotilla ${VERSION}: run many coding agents in parallel, each in its own git worktree

usage: flotilla <command> [options]

  serve [--port N] [--host ADDR] [--allow-remote]   start the headless host (engine + web dashboard);
                          it keeps its token and, without --port, its last port across restarts
  token [--rotate]        print the host token (--rotate: a new one, used from the host's next start)
${MCP_HELP}
  new --repo PATH [--base B] [--provider ID] [--profile P] [--prompt TEXT] [--name N] [--count N] [--auto-yes]
  ls                      list sessions
  show ID                 one session with its history
  screen ID [--ansi]      the session's current screen
${MESSAGE_HELP}
  approve ID | deny ID    answer the question the agent is asking
  choose ID K             pick option K (from 1) of that question
  profiles                saved provider profiles (use one with: new --profile ID|NAME)
  import --repo PATH [ID | --latest [--agent claude|codex]]   Claude Code / Codex conversations run
                          outside Flotilla in that repo (list); with ID or --latest: resume one in a new session
  pause ID... | --all     freeze agents (SIGSTOP, zero CPU)
  resume ID... | --all    continue paused agents
  kill ID... | --all      terminate agents (worktree and branch stay)
  restart ID... | --all   run ended sessions again in their worktree and branch (conversation resumed)
  open ID [--terminal]    the worktree in your editor (Settings, $VISUAL, $EDITOR, code) or a terminal there
  rm ID [--force]         terminate, remove worktree and branch
  archive ID | unarchive ID   hide a finished session from the grid (its record, screen and worktree stay)
  wait ID --status S [--timeout SEC]
  lock "REASON" [--scope repo|path] [--wait SEC]   an advisory lock for this session ($FLOTILLA_SESSION_ID or
                          --as ID) on its repository (default) or worktree; exit 1 naming the holder if taken
  unlock [--scope repo|path]   release this session's locks
  locks [--repo PATH]     the locks held (and by whom, since when, why)
  spawn "PROMPT" [--name N] [--provider P] [--base B] [--wait SEC] [--same-worktree] [--auto-yes]
                          a child of this session ($FLOTILLA_SESSION_ID or --as ID), based on its branch
                          (or in its worktree); prints the child's id alone on the first line, then its name;
                          --wait: this session gets a message when the child is idle, waits, ends, or time is up
  children | others       this session's direct children | the other sessions on its repository
  alone                   exit 0 when no other session works on this repository, else 1, listing them
  status                  me, my children, the others, the repository's locks, my message queue
  name "NAME"             rename this session
  what ID                 what the agent does now: status, question, current tool, last message
  clear ID                clear a live agent's conversation (Claude Code /clear, Codex /new, shell clear…)
${USAGE_HELP}
${EVENTS_HELP}

  diff ID [--stat] [FILE] the session's changes against its base (commits, uncommitted and untracked files)
  revert ID FILE          put one file back to how it is on the base
  commit ID -m MSG [FILE...]   commit all changes (or the FILEs) on the session branch
  discard ID [--commits]  throw away uncommitted work (--commits: the session's commits too)
  rebase ID               replay the session branch on its base (aborted on conflict)
  push ID [--no-pr] [--title T]   push the branch and open a PR with gh
  du ID                   disk space of the session's worktree
  orphans                 worktree folders no session knows, and sessions whose worktree is gone
  orphans --remove PATH   delete one of those folders (a git worktree: git worktree remove + prune; its branch stays)
  repo-settings --repo PATH [--copy FILE,FILE] [--setup-command CMD]
${VALIDATION_HELP}
${REVIEW_HELP}
${CONFLICT_HELP}
${MERGE_QUEUE_HELP}
${WORKTREE_COST_HELP}

  ID is a session id, a unique prefix of one, or its name.
  Read commands take --json. Global: --data-dir DIR (default $FLOTILLA_HOME or ~/.flotilla).
  Inside an agent's session the commands reach its host with the session's own credential (FLOTILLA_URL,
  FLOTILLA_TOKEN): they act on it and the sessions it spawned; --data-dir uses the user's token instead.
  Exit codes: 0 ok, 1 failure, 2 usage error.`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-remote': { type: 'boolean' },
  rotate: { type: 'boolean' },
  repo: { type: 'string' },
  base: { type: 'string' },
  provider: { type: 'string' },
  prompt: { type: 'string' },
  name: { type: 'string' },
  count: { type: 'string' },
  'auto-yes': { type: 'boolean' },
  profile: { type: 'string' },
  all: { type: 'boolean' },
  force: { type: 'boolean' },
  ansi: { type: 'boolean' },
  'no-enter': { type: 'boolean' },
  status: { type: 'string' },
  timeout: { type: 'string' },
  message: { type: 'string', short: 'm' },
  stat: { type: 'boolean' },
  commits: { type: 'boolean' },
  'no-pr': { type: 'boolean' },
  title: { type: 'string' },
  copy: { type: 'string' },
  'setup-command': { type: 'string' },
  remove: { type: 'string' },
  by: { type: 'string' },
  terminal: { type: 'boolean' },
  latest: { type: 'boolean' },
  agent: { type: 'string' },
  limit: { type: 'string' },
  follow: { type: 'boolean', short: 'f' },
  // coordination (issue 14): spawn --wait, send --important/--urgent/--raw, wait --notify, lock --scope
  wait: { type: 'string' },
  important: { type: 'boolean' },
  urgent: { type: 'boolean' },
  raw: { type: 'boolean' },
  notify: { type: 'boolean' },
  to: { type: 'string' },
  scope: { type: 'string' },
  'same-worktree': { type: 'boolean' },
  as: { type: 'string' },
  // review that talks back (issue 15): each command file's own flags
  ...VALIDATION_OPTIONS,
  ...REVIEW_OPTIONS,
  ...CONFLICT_OPTIONS,
  ...MERGE_QUEUE_OPTIONS,
  ...WORKTREE_COST_OPTIONS,
} as const;

async function runServe(flags: Record<string, string | boolean | undefined>, dataDir: string): Promise<void> {
  // Without --port: the last start's port when it is free, so an open tab reconnects.
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError('--port must be 0..65535');
  }
  const host = typeof flags.host === 'string' ? flags.host : '127.0.0.1';
  // Loaded here: the engine (SQLite, node-pty, xterm) would slow every other command, as agents run them often.
  const { serve } = await import('../host/serve.js');
  const serving = await serve({ dataDir, port, host, allowRemote: flags['allow-remote'] === true });
  if (flags['allow-remote']) {
    process.stderr.write(
      `warning: listening on ${host}; anyone who can reach it and has the token controls your agents\n`,
    );
  }
  for (const notice of serving.notices) process.stderr.write(`note: ${notice}\n`);
  process.stdout.write(`Flotilla host ${VERSION} serving ${dataDir}\n${serving.host.url}\n`);
  process.stdout.write(`CLI: ${await cliInvocation()}\n`);
  const stop = (signal: string) => {
    process.stdout.write(`${signal}: stopping; running agents are paused and resumable\n`);
    void serving.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (flags.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (flags.help || !command || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command || flags.help ? 0 : 2;
  }
  const dataDir = resolveDataDir(flags['data-dir']);
  try {
    if (command === 'serve') {
      await runServe(flags, dataDir);
      return -1; // keep running
    }
    if (command === 'mcp') {
      await runMcp(flags, dataDir);
      return -1; // serves its client until stdin closes
    }
    if (command === 'token') {
      await runToken(dataDir, flags.rotate === true, (text) => process.stdout.write(`${text}\n`));
      return 0;
    }
    const run =
      messageCommands[command] ??
      teamCommands[command] ??
      lockCommands[command] ??
      validationCommands[command] ??
      reviewCommands[command] ??
      conflictCommands[command] ??
      mergeQueueCommands[command] ??
      worktreeCostCommands[command] ??
      commands[command] ??
      gitCommands[command] ??
      agentCommands[command] ??
      openCommands[command] ??
      importCommands[command] ??
      usageCommands[command] ??
      eventsCommands[command];
    if (!run) throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    // Inside an agent's session: its host, with its credential (FLOTILLA_URL / FLOTILLA_TOKEN), unless --data-dir.
    const client = await connect(dataDir, { dataDirGiven: flags['data-dir'] !== undefined });
    try {
      await run({ client, positionals: rest, flags, out: (text) => process.stdout.write(`${text}\n`) });
    } finally {
      client.close();
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof CliError ? error.exitCode : 1;
    const prefix = error instanceof FlotillaError ? `${error.code}: ` : '';
    process.stderr.write(`flotilla: ${prefix}${message}\n`);
    return code;
  }
}
