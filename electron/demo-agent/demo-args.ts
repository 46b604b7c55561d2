export interface DemoOptions {
  prompt?: string;
  sessionId?: string;
  resumeId?: string;
  stateDir?: string;
  busyMs: number;
}

/** `FLOTILLA_DEMO_BUSY_MS` sets how long each prompt shows the busy line (default 1500 ms). */
export function parseDemoArgs(argv: string[], env: NodeJS.ProcessEnv): DemoOptions {
  const busy = Number(env.FLOTILLA_DEMO_BUSY_MS ?? 1500);
  const options: DemoOptions = { busyMs: Number.isFinite(busy) && busy >= 0 ? busy : 1500 };
  if (env.FLOTILLA_DEMO_STATE_DIR) options.stateDir = env.FLOTILLA_DEMO_STATE_DIR;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--prompt') options.prompt = value;
    else if (flag === '--session-id') options.sessionId = value;
    else if (flag === '--resume') options.resumeId = value;
    else if (flag === '--state-dir') options.stateDir = value;
    else throw new Error(`unknown argument ${flag}`);
    i++;
  }
  return options;
}
