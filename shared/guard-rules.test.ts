import { describe, expect, it } from 'vitest';
import { GUARD_RULES, MAX_GUARD_PATTERNS, guardPatternProblem } from './guard-rules.js';
import { DEFAULT_SETTINGS, Settings, SettingsPatch } from './settings.js';

function messages(patch: unknown): string[] {
  const parsed = SettingsPatch.safeParse(patch);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}

// Runs without V8's linear-time engine, like a browser does: the lookaround/back-reference check stands in.
describe('guard settings at the boundary', () => {
  it('accepts known rule ids and valid patterns, and defaults to none', () => {
    expect(
      messages({ guardDisabledRules: ['sudo', 'force-push'], guardExtraPatterns: ['make\\s+deploy', '^npm publish'] }),
    ).toEqual([]);
    expect(Settings.parse(DEFAULT_SETTINGS)).toMatchObject({ guardDisabledRules: [], guardExtraPatterns: [] });
  });

  it('rejects an unknown rule id, naming it and the known ones', () => {
    const [message] = messages({ guardDisabledRules: ['sudo', 'rm-everything'] });
    expect(message).toContain('unknown guard rule "rm-everything"');
    expect(message).toContain(GUARD_RULES[0].id);
  });

  it('rejects an invalid regex with a message naming the pattern', () => {
    expect(messages({ guardExtraPatterns: ['ok', 'make (deploy'] })).toEqual([
      expect.stringMatching(/^guard pattern "make \(deploy" is not a valid regular expression: .*/),
    ]);
  });

  it('limits count and length, refuses empty patterns and ones that cannot run in linear time', () => {
    expect(messages({ guardExtraPatterns: Array.from({ length: MAX_GUARD_PATTERNS + 1 }, (_, i) => `p${i}`) })).toEqual(
      [`at most ${MAX_GUARD_PATTERNS} guard patterns`],
    );
    expect(guardPatternProblem('x'.repeat(201))).toMatch(/longer than 200 characters/);
    expect(guardPatternProblem('  ')).toMatch(/empty/);
    expect(guardPatternProblem('(a)\\1')).toMatch(/back-reference/);
    expect(guardPatternProblem('foo(?=bar)')).toMatch(/lookahead/);
    expect(guardPatternProblem('(a+)+$')).toBeNull();
  });
});
