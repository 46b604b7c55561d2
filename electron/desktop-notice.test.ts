import { describe, expect, it } from 'vitest';
import type { Session, SessionStatus } from '../shared/session.js';
import { DEFAULT_SETTINGS, type NotifyOn } from '../shared/settings.js';
import { desktopNotice } from './desktop-notice.js';
import { sessionFixture } from './test-support/session-fixture.js';

const session = (status: SessionStatus, extra: Partial<Session> = {}): Session =>
  sessionFixture({ id: 's1', name: 'alpha', status, branch: 'flotilla/alpha-s1', ...extra });
const all = DEFAULT_SETTINGS.notifyOn;

describe('desktopNotice', () => {
  it('announces a waiting, completed or failed session by default, saying what happened', () => {
    const question = { text: 'Do you want to create docs.txt?', options: ['Yes', 'No'] };
    expect(desktopNotice(session('waiting', { question }), all)).toEqual({
      title: 'alpha is waiting for you',
      body: 'Do you want to create docs.txt?',
    });
    expect(desktopNotice(session('completed'), all)).toEqual({ title: 'alpha is done', body: 'flotilla/alpha-s1' });
    expect(desktopNotice(session('failed', { error: 'git worktree add failed' }), all)).toEqual({
      title: 'alpha failed',
      body: 'git worktree add failed',
    });
  });

  it('stays quiet for a kind the user turned off, and keeps the others', () => {
    const noDone: NotifyOn = { waiting: true, completed: false, failed: true };
    expect(desktopNotice(session('completed'), noDone)).toBeNull();
    expect(desktopNotice(session('failed'), noDone)?.title).toBe('alpha failed');
    expect(desktopNotice(session('waiting'), { ...all, waiting: false })).toBeNull();
    expect(desktopNotice(session('failed'), { ...all, failed: false })).toBeNull();
  });

  it('never announces the ordinary statuses', () => {
    for (const status of ['creating', 'running', 'idle', 'paused', 'cancelled'] as const)
      expect(desktopNotice(session(status), all)).toBeNull();
  });
});
