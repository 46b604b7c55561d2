import { describe, expect, it } from 'vitest';
import { methods } from '../../../shared/contract.js';
import { repoSettingsErrors, repoSettingsPatch, toRepoDraft } from './repo-settings-draft.js';

describe('repository settings drafts', () => {
  it('round-trips the settings, one file per line, blank lines and spaces dropped', () => {
    const draft = toRepoDraft({
      repoPath: '/r',
      copyFiles: ['.env', 'config/local.json'],
      setupCommand: 'npm ci',
      setupTimeoutSec: 90,
      heavyFolders: [{ path: 'node_modules', mode: 'symlink' }],
    });
    expect(draft).toEqual({
      copyFiles: '.env\nconfig/local.json',
      setupCommand: 'npm ci',
      setupTimeoutSec: '90',
      heavyFolders: 'node_modules',
      heavyMode: 'symlink',
    });
    expect(
      repoSettingsPatch('/r', {
        ...draft,
        copyFiles: ' .env \r\n\n.env.local\n',
        setupTimeoutSec: '',
        heavyFolders: 'node_modules\n .venv \n',
      }),
    ).toEqual({
      repoPath: '/r',
      copyFiles: ['.env', '.env.local'],
      setupCommand: 'npm ci',
      setupTimeoutSec: Number.NaN,
      heavyFolders: [
        { path: 'node_modules', mode: 'symlink' },
        { path: '.venv', mode: 'symlink' },
      ],
    });
  });

  it("puts the contract's issues on their fields, naming the file line that is wrong", () => {
    const patch = repoSettingsPatch('/r', {
      ...{ copyFiles: '.env\n../secrets', setupCommand: '', setupTimeoutSec: '0' },
      ...{ heavyFolders: '', heavyMode: 'clone' },
    });
    const parsed = methods['repo.setSettings'].request.safeParse(patch);
    expect(parsed.success).toBe(false);
    // As the contract client reports it (and the host, behind "invalid … payload: ").
    const message = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    const errors = repoSettingsErrors('VALIDATION', `invalid repo.setSettings payload: ${message}`, patch.copyFiles!);
    expect(errors.copyFiles).toBe('"../secrets": must be a path inside the repository');
    expect(errors.setupTimeoutSec).toMatch(/>=\s*1/);
    expect(errors.general).toBeUndefined();
  });

  it("puts the host's refusal of a setup command on the command, and other failures where they belong", () => {
    const shell =
      'setup command is run without a shell, so "&&" would be passed as an argument; write sh -c "…" to use a shell';
    expect(repoSettingsErrors('VALIDATION', shell, [])).toEqual({ setupCommand: shell });
    expect(repoSettingsErrors('NOT_A_REPO', '/tmp/x is not a git repository', [])).toEqual({
      repoPath: '/tmp/x is not a git repository',
    });
    expect(repoSettingsErrors('INTERNAL', 'disk full', [])).toEqual({ general: 'disk full' });
    expect(repoSettingsErrors('VALIDATION', 'something else', [])).toEqual({ general: 'something else' });
  });
});
