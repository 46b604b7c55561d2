import { describe, expect, it } from 'vitest';
import { FlotillaError } from './errors.js';
import { SessionStatus } from './session.js';
import {
  assertTransition,
  canTransition,
  ENDED_STATUSES,
  isActive,
  isAtRest,
  isAttached,
  isEnded,
  isLive,
  LIVE_STATUSES,
} from './session-state.js';

const ALL = SessionStatus.options;
const ENDINGS = ['completed', 'failed', 'cancelled'] as const;

/** The lifecycle spelled out independently of the implementation's table. */
const ALLOWED: Record<SessionStatus, SessionStatus[]> = {
  creating: ['running', 'paused', ...ENDINGS],
  running: ['waiting', 'idle', 'paused', ...ENDINGS],
  waiting: ['running', 'idle', 'paused', ...ENDINGS],
  idle: ['running', 'waiting', 'paused', ...ENDINGS],
  paused: ['running', ...ENDINGS],
  // Restart (session-restart.ts) is the one way out of an ending.
  completed: ['running'],
  failed: ['running'],
  cancelled: ['running'],
};

describe('session lifecycle', () => {
  const pairs = ALL.flatMap((from) => ALL.map((to) => [from, to] as const));

  it.each(pairs.filter(([from, to]) => ALLOWED[from].includes(to)))('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED[from].includes(to)))('forbids %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it.each([
    ['creating', 'waiting'],
    ['creating', 'idle'],
    ['paused', 'waiting'],
    ['paused', 'idle'],
    ['running', 'creating'],
    ['running', 'running'],
    ['completed', 'waiting'],
    ['failed', 'paused'],
    ['cancelled', 'completed'],
  ] as const)('assertTransition refuses %s -> %s with INVALID_STATE', (from, to) => {
    let error: unknown;
    try {
      assertTransition(from, to);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlotillaError);
    expect((error as FlotillaError).code).toBe('INVALID_STATE');
    expect((error as FlotillaError).message).toBe(`a ${from} session cannot become ${to}`);
  });

  it('ended states are left only by a restart (to running)', () => {
    expect([...ENDED_STATUSES].sort()).toEqual([...ENDINGS].sort());
    for (const from of ENDED_STATUSES) {
      for (const to of ALL) expect(canTransition(from, to), `${from} -> ${to}`).toBe(to === 'running');
    }
  });

  it('every state that is not ended can end in any way', () => {
    for (const from of ALL.filter((s) => !ENDED_STATUSES.includes(s))) {
      for (const to of ENDINGS) expect(canTransition(from, to), `${from} -> ${to}`).toBe(true);
    }
  });
});

describe('status sets', () => {
  it('every status is exactly one of creating, live, paused or ended', () => {
    for (const status of ALL) {
      const kinds = [status === 'creating', isLive(status), status === 'paused', isEnded(status)].filter(Boolean);
      expect(kinds, status).toHaveLength(1);
    }
  });

  it('active is creating or live; at rest is waiting, idle or ended; attached is live or paused', () => {
    for (const status of ALL) {
      expect(isActive(status), status).toBe(status === 'creating' || isLive(status));
      expect(isAtRest(status), status).toBe(status === 'waiting' || status === 'idle' || isEnded(status));
      expect(isAttached(status), status).toBe(isLive(status) || status === 'paused');
    }
  });

  it('live statuses move among themselves; a paused session comes back only as running', () => {
    for (const from of LIVE_STATUSES)
      for (const to of LIVE_STATUSES) expect(canTransition(from, to), `${from} -> ${to}`).toBe(from !== to);
    expect(ALL.filter((to) => isLive(to) && canTransition('paused', to))).toEqual(['running']);
  });
});
