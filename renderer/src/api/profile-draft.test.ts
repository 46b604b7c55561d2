import { describe, expect, it } from 'vitest';
import { draftFields, parseEnvLines, profileErrors, toDraft, envRow } from './profile-draft.js';

describe('profile drafts', () => {
  it('turns the form into the contract fields: args one per line, env rows, blanks as null', () => {
    const draft = {
      ...toDraft(null, 'demo'),
      name: 'fast',
      extraArgs: '--verbose\n\n  --color=never \r\n',
      env: [envRow('API_URL', 'http://x'), envRow('', '')],
    };
    expect(draftFields(draft)).toEqual({
      fields: {
        name: 'fast',
        binaryPath: null,
        extraArgs: ['--verbose', '--color=never'],
        model: null,
        env: { API_URL: 'http://x' },
      },
    });
  });

  it('refuses a value without a name and a name set twice before asking the host', () => {
    const base = toDraft(null, 'demo');
    expect(draftFields({ ...base, env: [envRow('', 'secret')] })).toEqual({
      errors: { env: 'A value needs a variable name' },
    });
    expect(draftFields({ ...base, env: [envRow('A', '1'), envRow('A', '2')] })).toEqual({
      errors: { env: 'A is set twice' },
    });
  });

  it('splits pasted KEY=VALUE lines, keeping "=" inside values', () => {
    expect(parseEnvLines('A=1\nB=x=y\n\nC').map(({ name, value }) => [name, value])).toEqual([
      ['A', '1'],
      ['B', 'x=y'],
      ['C', ''],
    ]);
  });

  it("puts the host's VALIDATION issues on their fields", () => {
    expect(profileErrors('VALIDATION', 'invalid profiles.create payload: env.BAD NAME: Invalid key in record')).toEqual(
      {
        env: '"BAD NAME" is not a variable name: use letters, digits and "_", not starting with a digit',
      },
    );
    expect(
      profileErrors('VALIDATION', 'invalid profiles.update payload: name: Too small; model: Too big; id: Too small'),
    ).toEqual({ name: 'Too small', model: 'Too big', general: 'id: Too small' });
    expect(profileErrors('VALIDATION', 'env.BAD NAME: Invalid key in record')).toEqual({
      env: '"BAD NAME" is not a variable name: use letters, digits and "_", not starting with a digit',
    });
    expect(profileErrors('VALIDATION', 'a demo profile named "x" already exists')).toEqual({
      name: 'a demo profile named "x" already exists',
    });
    expect(profileErrors('PROVIDER_NOT_FOUND', 'no provider "nope"')).toEqual({ general: 'no provider "nope"' });
  });
});
