import { describe, expect, it } from 'vitest';
import { FlotillaError } from '../../../shared/errors.js';
import type { SessionRecord } from '../../store/session-repository.js';
import { findSession } from './session-lookup.js';

function session(id: string, name: string): SessionRecord {
  return {
    id,
    name,
    provider: 'demo',
    prompt: '',
    status: 'idle',
    repoPath: '/r',
    baseBranch: 'main',
    branch: `flotilla/${id}`,
    worktreePath: `/w/${id}`,
    pid: null,
    pidStartTime: null,
    conversationId: null,
    autoYes: false,
    exitCode: null,
    error: null,
    question: null,
    cols: 120,
    rows: 32,
    createdAt: 't',
    updatedAt: 't',
    lastActivityAt: 't',
    archivedAt: null,
  };
}

const sessions = [
  session('a1b2c3d4', 'fix tests'),
  session('a1ff0000', 'add readme'),
  session('b7e8f9a0', 'add readme'),
  session('c0ffee00', 'a1b2'),
  session('d00d0000', 'd00d'),
];

function failure(ref: string): FlotillaError {
  try {
    findSession(sessions, ref);
  } catch (error) {
    expect(error).toBeInstanceOf(FlotillaError);
    return error as FlotillaError;
  }
  throw new Error(`findSession(${ref}) did not fail`);
}

describe('findSession', () => {
  it('finds by full id', () => {
    expect(findSession(sessions, 'b7e8f9a0').id).toBe('b7e8f9a0');
  });

  it('finds by a unique id prefix', () => {
    expect(findSession(sessions, 'b7').id).toBe('b7e8f9a0');
    expect(findSession(sessions, 'a1b').id).toBe('a1b2c3d4');
  });

  it('finds by exact name', () => {
    expect(findSession(sessions, 'fix tests').id).toBe('a1b2c3d4');
  });

  it('prefers a unique id prefix over a session named the same', () => {
    expect(findSession(sessions, 'a1b2').id).toBe('a1b2c3d4');
  });

  it('uses a unique name when the same text is an ambiguous id prefix', () => {
    const withName = [...sessions, session('e0e0e0e0', 'a1')];
    expect(findSession(withName, 'a1').id).toBe('e0e0e0e0');
  });

  it('is AMBIGUOUS for a prefix shared by several ids, listing them', () => {
    const error = failure('a1');
    expect(error.code).toBe('AMBIGUOUS');
    expect(error.message).toContain('a1b2c3d4');
    expect(error.message).toContain('a1ff0000');
  });

  it('is AMBIGUOUS for a name shared by several sessions, listing them', () => {
    const error = failure('add readme');
    expect(error.code).toBe('AMBIGUOUS');
    expect(error.message).toBe('"add readme" matches 2 sessions: a1ff0000, b7e8f9a0');
  });

  it('is NOT_FOUND when nothing matches', () => {
    const error = failure('zzz');
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('"zzz"');
    expect(() => findSession([], 'a1b2c3d4')).toThrow(FlotillaError);
  });

  it('does not match a name by prefix or case', () => {
    expect(failure('fix').code).toBe('NOT_FOUND');
    expect(failure('Fix Tests').code).toBe('NOT_FOUND');
  });
});
