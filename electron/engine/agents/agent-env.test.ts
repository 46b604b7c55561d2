import { describe, expect, it } from 'vitest';
import { agentEnv } from './agent-env.js';

describe('agentEnv', () => {
  const host: NodeJS.ProcessEnv = {
    PATH: '/usr/bin:/bin',
    HOME: '/home/me',
    LANG: 'en_US.UTF-8',
    TERM: 'dumb',
    ELECTRON_RUN_AS_NODE: '1',
    ELECTRON_NO_ATTACH_CONSOLE: '1',
    npm_config_prefix: '/usr/local',
    npm_lifecycle_event: 'test',
    NODE_OPTIONS: '--inspect',
    NODE_CHANNEL_FD: '3',
    VITEST: 'true',
    VITEST_WORKER_ID: '1',
    FLOTILLA_HOST_TOKEN: 'secret',
    UNDEFINED_VALUE: undefined,
    // Look-alikes that are the user's own and must pass through.
    MY_ELECTRON_APP: 'keep',
    NPM_TOKEN: 'keep-upper',
    NODE_ENV: 'development',
    FLOTILLA_DEMO_STATE_DIR: '/state',
  };

  it('strips Electron, npm-script, Node and host internals', () => {
    const env = agentEnv(host, 's1');
    for (const key of [
      'ELECTRON_RUN_AS_NODE',
      'ELECTRON_NO_ATTACH_CONSOLE',
      'npm_config_prefix',
      'npm_lifecycle_event',
      'NODE_OPTIONS',
      'NODE_CHANNEL_FD',
      'VITEST',
      'VITEST_WORKER_ID',
      'FLOTILLA_HOST_TOKEN',
    ]) {
      expect(env, key).not.toHaveProperty(key);
    }
    expect(Object.keys(env)).not.toContain('UNDEFINED_VALUE');
  });

  it("keeps the user's own variables, including look-alikes", () => {
    const env = agentEnv(host, 's1');
    expect(env).toMatchObject({
      PATH: '/usr/bin:/bin',
      HOME: '/home/me',
      LANG: 'en_US.UTF-8',
      MY_ELECTRON_APP: 'keep',
      NPM_TOKEN: 'keep-upper',
      NODE_ENV: 'development',
      FLOTILLA_DEMO_STATE_DIR: '/state',
    });
  });

  it('sets terminal variables and the session id, overriding the host TERM', () => {
    const env = agentEnv(host, 'a1b2c3d4');
    expect(env.TERM).toBe('xterm-256color');
    expect(env.COLORTERM).toBe('truecolor');
    expect(env.FLOTILLA_SESSION_ID).toBe('a1b2c3d4');
    expect(agentEnv({}, 'x').TERM).toBe('xterm-256color');
  });

  it("adds the provider's extra variables last", () => {
    const env = agentEnv(host, 's1', { FLOTILLA_DEMO_STATE_DIR: '/other', EXTRA: 'yes' });
    expect(env.FLOTILLA_DEMO_STATE_DIR).toBe('/other');
    expect(env.EXTRA).toBe('yes');
  });

  it('does not modify the environment it is given', () => {
    const base = { ...host };
    agentEnv(base, 's1', { EXTRA: 'yes' });
    expect(base).toEqual(host);
  });
});
