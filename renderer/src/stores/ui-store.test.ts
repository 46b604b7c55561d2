import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from './ui-store.js';

const texts = () => useUiStore.getState().notices.map((n) => n.text);

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useUiStore.setState({ notices: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('a one-line error goes by itself after a while', () => {
    useUiStore.getState().notify('could not pause s1');
    vi.advanceTimersByTime(7_000);
    expect(texts()).toEqual(['could not pause s1']);
    vi.advanceTimersByTime(2_000);
    expect(texts()).toEqual([]);
  });

  it("an error of several lines (git's whole message) stays until dismissed", () => {
    const message = 'git commit failed: Author identity unknown\n\n*** Please tell me who you are.\n\nRun git config';
    useUiStore.getState().notify(message);
    vi.advanceTimersByTime(60_000);
    expect(texts()).toEqual([message]);
    useUiStore.getState().dismiss(useUiStore.getState().notices[0]!.id);
    expect(texts()).toEqual([]);
  });
});
