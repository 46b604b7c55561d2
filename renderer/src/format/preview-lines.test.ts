import { describe, expect, it } from 'vitest';
import { previewLines } from './preview-lines.js';

const screen = [
  'Flotilla demo agent',
  'cwd: /tmp/wt',
  'Conversation 0928',
  'Do you want to create add-a-readme-section.txt?',
  '❯ 1. Yes',
  '  2. No',
  '',
  '',
].join('\n');

describe('previewLines', () => {
  it('shows the last lines without trailing blank ones', () => {
    expect(previewLines(screen, null, 3)).toBe('Do you want to create add-a-readme-section.txt?\n❯ 1. Yes\n  2. No');
  });

  it('stops above the question the card shows in its own box, options included', () => {
    const text = previewLines(screen, 'Do you want to create add-a-readme-section.txt?');
    expect(text).toBe('Flotilla demo agent\ncwd: /tmp/wt\nConversation 0928');
    expect(text).not.toContain('Do you want');
    expect(text).not.toContain('1. Yes');
  });

  it('finds a question drawn in a box, and leaves the screen whole when the question is not on it', () => {
    const boxed = '╭────╮\n│ Bash command │\n│ rm -rf build │\n│ Do you want to proceed? │\n│ ❯ 1. Yes │\n╰────╯';
    expect(previewLines(boxed, 'Do you want to proceed?')).toBe('╭────╮\n│ Bash command │\n│ rm -rf build │');
    expect(previewLines(screen, 'Allow network access?', 2)).toBe('❯ 1. Yes\n  2. No');
  });
});
