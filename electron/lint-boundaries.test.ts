import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { packageRoot } from './package-root.js';

/**
 * The layering lint keeps (eslint.config.js): each probe is a file that would break one boundary, linted
 * as if it lived at `path`. A boundary whose rule is lost or mis-scoped turns its probe green.
 */
const eslint = new ESLint({ cwd: packageRoot() });

async function restricted(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${packageRoot()}/${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const probes: [boundary: string, path: string, source: string][] = [
  ['the engine never imports the transports', 'electron/engine/sessions/probe.ts', "import '../../api/dispatch.js';"],
  ['the engine never imports the Electron transport', 'electron/engine/probe.ts', "import '../ipc/electron-transport.js';"],
  ['the engine never imports the host', 'electron/engine/review/probe.ts', "import '../../host/serve.js';"],
  ['the engine never imports the CLI', 'electron/engine/probe.ts', "import '../cli/format.js';"],
  ['the engine never imports the renderer', 'electron/engine/probe.ts', "import '../../renderer/src/main.js';"],
  ['the engine never imports electron', 'electron/engine/output/probe.ts', "import 'electron';"],
  ['providers never import the engine', 'electron/providers/probe.ts', "import '../engine/index.js';"],
  ['providers never import engine internals', 'electron/providers/probe.ts', "import '../engine/output/terminal-screen.js';"],
  ['git never imports the engine', 'electron/git/probe.ts', "import '../engine/review/git-op-journal.js';"],
  ['handlers reach the engine only through its door', 'electron/api/probe.ts', "import '../engine/session-manager.js';"],
  ['handlers never import engine internals', 'electron/api/probe.ts', "import '../engine/worktrees/disk-usage.js';"],
  ['the host reaches the engine only through its door', 'electron/host/probe.ts', "import '../engine/agents/session-runtime.js';"],
  ['the Electron transport reaches the engine only through its door', 'electron/ipc/probe.ts', "import '../engine/session-manager.js';"],
  ['the CLI reaches the engine only through its door', 'electron/cli/probe.ts', "import '../engine/sessions/session-lookup.js';"],
  ['shared/ imports no bare Node built-in', 'shared/probe.ts', "import path from 'path';\nexport default path;"],
  ['shared/ imports no node: built-in', 'shared/probe.ts', "import 'node:fs';"],
  ['shared/ imports nothing of electron/', 'shared/probe.ts', "import '../electron/version.js';"],
  ['the renderer imports no bare Node built-in', 'renderer/src/probe.ts', "import os from 'os';\nexport default os;"],
  ['the renderer imports no Node sub-path built-in', 'renderer/src/probe.ts', "import 'fs/promises';"],
  ['the renderer imports nothing of electron/', 'renderer/src/probe.ts', "import '../../electron/engine/index.js';"],
];

describe('lint boundaries', () => {
  it.each(probes)('%s', async (_boundary, path, source) => {
    expect(await restricted(path, source)).toHaveLength(1);
  });

  it.each([
    ['handlers import the door', 'electron/api/probe.ts', "import '../engine/index.js';"],
    ['the engine imports its own rooms, git and providers', 'electron/engine/sessions/probe.ts', "import './session-lookup.js';\nimport '../../git/run-git.js';\nimport '../../providers/registry.js';"],
    ['the renderer imports the contract', 'renderer/src/probe.ts', "import '../../shared/session-state.js';"],
    ['shared/ imports zod', 'shared/probe.ts', "import 'zod';"],
  ])('allows: %s', async (_case, path, source) => {
    expect(await restricted(path, source)).toEqual([]);
  });
});
