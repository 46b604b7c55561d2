import { describe, expect, it } from 'vitest';
import { detectClaudeScreen } from './claude.js';
import { detectCodexScreen } from './codex.js';
import { detectGenericScreen } from './generic-screen.js';
import { detectGeminiScreen } from './gemini.js';
import { detectOpencodeScreen } from './opencode.js';

const blank = Array.from({ length: 40 }, () => ' '.repeat(120));

describe('a screen with nothing drawn yet', () => {
  it('is a full-screen CLI still starting: busy, not idle (Gemini CLI stayed blank 6 s under load)', () => {
    for (const read of [detectClaudeScreen, detectCodexScreen, detectGeminiScreen, detectOpencodeScreen])
      expect(read(blank), read.name).toEqual({ busy: true, question: null });
  });

  it('is no sign of work for a plain command, which may wait on a blank screen', () => {
    expect(detectGenericScreen(blank)).toEqual({ busy: false, question: null });
  });
});
