import { describe, expect, it } from 'vitest';
import { argvText, parseArgvText } from './validator-argv.js';

describe('validator argv text', () => {
  it('splits like a shell without expanding, and reads its own output back', () => {
    expect(parseArgvText(`node -e "console.log('a b')" $HOME`)).toEqual(['node', '-e', "console.log('a b')", '$HOME']);
    expect(parseArgvText("npm  run 'lint:all'")).toEqual(['npm', 'run', 'lint:all']);
    expect(parseArgvText('say "oops')).toEqual({ error: 'the command has an unterminated " quote' });
    // Run without a shell: an operator would be an argument, so it is refused; quoted, it is one.
    expect(parseArgvText('npm test && npm run lint')).toMatchObject({ error: expect.stringContaining('"&&"') });
    expect(parseArgvText("grep '&&' file")).toEqual(['grep', '&&', 'file']);
    const argv = ['node', '-e', 'it\'s "quoted" && more', 'x'];
    expect(parseArgvText(argvText(argv))).toEqual(argv);
  });
});
