import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hookClientScript } from './engine/hooks/session-hooks.js';
import { flotillaCli, launcherScript } from './engine/coordination/reach/agent-reach.js';
import { packageRoot } from './package-root.js';
import { opencodePluginPath } from './providers/opencode-hooks.js';

/** The entries of a top-level list in electron-builder.yml (`files:`, `asarUnpack:`). */
function builderList(key: string): string[] {
  const text = readFileSync(path.join(packageRoot(), 'electron-builder.yml'), 'utf8');
  const section = text.split(/\n(?=\S)/).find((block) => block.startsWith(`${key}:`)) ?? '';
  return [...section.matchAll(/^\s+-\s+'?([^'\n]+)'?$/gm)].map((m) => m[1]!.trim());
}

// Files other programs run or load (a CLI's hook command, opencode's plugin loader): the packaged app must
// ship them, outside app.asar, and Flotilla must point those programs there. Electron cannot run here, so the
// packaged layout is checked from its config and a packaged root path.
describe('files Flotilla ships for other programs', () => {
  const shipped = [
    { file: 'bin/flotilla-hook.cjs', at: hookClientScript },
    { file: 'bin/flotilla-opencode-plugin.js', at: opencodePluginPath },
  ];

  it.each(shipped)('$file is packaged, unpacked beside app.asar, and pointed at there', ({ file, at }) => {
    expect(existsSync(path.join(packageRoot(), file))).toBe(true);
    expect(builderList('files')).toContain(file);
    expect(builderList('asarUnpack')).toContain(file);
    expect(at('/opt/Flotilla/resources/app.asar')).toBe(`/opt/Flotilla/resources/app.asar.unpacked/${file}`);
    expect(at('/src/flotilla')).toBe(`/src/flotilla/${file}`);
  });
});

// The `flotilla` agents find on their PATH: the packaged app runs its own CLI from app.asar with its Electron
// binary as Node (only Electron reads the archive, and the CLI's imports lie there), source checkouts with node.
describe('the flotilla command of the agents', () => {
  it('bin/flotilla.js is packaged and the launcher runs it with Electron as Node', () => {
    expect(existsSync(path.join(packageRoot(), 'bin', 'flotilla.js'))).toBe(true);
    expect(builderList('files')).toContain('bin/flotilla.js');
    const packaged = flotillaCli('/opt/Flotilla/resources/app.asar');
    expect(packaged).toBe('/opt/Flotilla/resources/app.asar/bin/flotilla.js');
    expect(launcherScript(packaged, '/opt/Flotilla/flotilla', true)).toContain(
      `ELECTRON_RUN_AS_NODE=1 exec '/opt/Flotilla/flotilla' '${packaged}' "$@"`,
    );
    expect(launcherScript(flotillaCli('/src/flotilla'), '/usr/bin/node', false)).toContain(
      `\nexec '/usr/bin/node' '/src/flotilla/bin/flotilla.js' "$@"`,
    );
  });
});
