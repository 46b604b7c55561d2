import { describe, expect, it } from 'vitest';
import { demoProvider } from '../../providers/demo.js';
import { waitFor } from '../../test-support/wait-for.js';
import { ActivityTracker, type Activity } from './activity-tracker.js';
import { ScreenMirror } from '../output/screen-mirror.js';

describe('ActivityTracker', () => {
  it('goes idle after the quiet period even when its timer fires before the clock says it is over', async () => {
    const mirror = new ScreenMirror(80, 10);
    await mirror.write('Done.\r\n> ');
    const changes: Activity[] = [];
    // The timer is armed for 50 ms, but the check that follows reads a 60 ms quiet period: the same as a
    // timer firing early by Date.now(), which Node's timers do by a millisecond.
    let calls = 0;
    const quietMs = () => (calls++ === 0 ? 50 : 60);
    const tracker = new ActivityTracker(demoProvider, mirror, quietMs, (a) => changes.push(a));
    tracker.resume();
    await waitFor(() => changes.some((a) => a.status === 'idle'), { timeoutMs: 2000, what: 'idle after the quiet period' });
    tracker.stop();
    mirror.dispose();
  });

  it('reads a question at the bottom of the screen as waiting, at once', async () => {
    const mirror = new ScreenMirror(80, 10);
    const changes: Activity[] = [];
    const tracker = new ActivityTracker(demoProvider, mirror, () => 10_000, (a) => changes.push(a));
    await mirror.write('Do you want to create notes.txt?\r\n❯ 1. Yes\r\n  2. No\r\n');
    tracker.noteOutput();
    await waitFor(() => changes.at(-1)?.status === 'waiting', { timeoutMs: 2000, what: 'waiting' });
    expect(changes.at(-1)?.question).toMatchObject({ text: 'Do you want to create notes.txt?', options: ['Yes', 'No'] });
    tracker.stop();
    mirror.dispose();
  });
});
