import { describe, expect, it } from 'vitest';
import { OpenCommand } from '../../../shared/settings.js';
import { commandText, parseCommandText } from './command-text.js';

describe('command text (editor and terminal settings)', () => {
  it('splits on whitespace, no quoting, and round-trips', () => {
    expect(parseCommandText('  code   --new-window ')).toEqual(['code', '--new-window']);
    expect(parseCommandText('"my editor"')).toEqual(['"my', 'editor"']);
    expect(parseCommandText('')).toEqual([]);
    expect(commandText(['kitty', '--directory', '{path}'])).toBe('kitty --directory {path}');
  });

  it('takes a JSON array for arguments holding spaces, and shows such a command that way', () => {
    const argv = ['/opt/My Editor/edit', '-n'];
    expect(commandText(argv)).toBe('["/opt/My Editor/edit","-n"]');
    expect(parseCommandText(commandText(argv))).toEqual(argv);
    expect(parseCommandText('["a", 1]')).toEqual({ error: 'a JSON command must be an array of strings' });
    expect(parseCommandText('[oops')).toMatchObject({ error: expect.stringContaining('not a valid JSON array') });
  });

  it('the setting refuses a NUL in an argument and more than 32 arguments', () => {
    expect(OpenCommand.safeParse(['code', 'a\0b']).success).toBe(false);
    expect(OpenCommand.safeParse(Array.from({ length: 33 }, () => 'x')).success).toBe(false);
    expect(OpenCommand.safeParse(['code', '{path}']).success).toBe(true);
  });
});
