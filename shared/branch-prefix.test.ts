import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings, SettingsPatch } from './settings.js';

const refusal = (branchPrefix: string) => {
  const result = SettingsPatch.safeParse({ branchPrefix });
  return result.success ? null : result.error.issues.map((issue) => issue.message).join('; ');
};

describe('branch prefix setting', () => {
  it('takes prefixes that make valid branch names, and an empty one', () => {
    for (const prefix of ['', 'flotilla/', 'team/agents/', 'x-', 'v1.2/', 'a.lockx/', 'feat_'])
      expect(refusal(prefix), prefix).toBeNull();
  });

  it('refuses, saying why, prefixes that would make branch names git refuses', () => {
    expect(refusal('a..b/')).toMatch(/must not hold "\.\."/);
    expect(refusal('x.lock/')).toMatch(/end with "\.lock"/);
    expect(refusal('/x')).toMatch(/must not start with "\/"/);
    expect(refusal('x//y')).toMatch(/must not hold "\/\/"/);
    expect(refusal('team.')).toMatch(/end with "\."/);
    expect(refusal('a./b/')).toMatch(/end with "\."/);
    expect(refusal('.hidden/')).toMatch(/start with "\."/);
    expect(refusal('a/.b')).toMatch(/start with "\."/);
    expect(refusal('-x/')).toMatch(/must not start with "-"/);
    expect(refusal('x@{1}/')).toMatch(/letters, digits/);
    expect(refusal('bad prefix!')).toMatch(/letters, digits/);
    expect(refusal('a'.repeat(65))).not.toBeNull();
  });

  it('reads a prefix ending in ".lock" as fine: the slug follows it within the same name part', () => {
    expect(refusal('a.lock')).toBeNull();
  });
});

describe('notification setting', () => {
  it('announces waiting, completed and failed sessions by default, and takes each switch on its own', () => {
    expect(Settings.parse(DEFAULT_SETTINGS).notifyOn).toEqual({ waiting: true, completed: true, failed: true });
    const patch = SettingsPatch.parse({ notifyOn: { waiting: true, completed: false, failed: true } });
    expect(patch.notifyOn?.completed).toBe(false);
    expect(SettingsPatch.safeParse({ notifyOn: { waiting: true } }).success).toBe(false);
  });
});
