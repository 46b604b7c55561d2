import { afterEach, beforeEach } from 'vitest';

/**
 * Makes a fixture before each test of the file and cleans it up after it. The returned object takes each
 * new fixture's fields, so a file holds it in a `const`. Register it before the file's own hooks: they then
 * run after its setup and before its cleanup.
 */
export function usePerTest<T extends { cleanup(): Promise<void> }>(make: () => T | Promise<T>): T {
  const fixture = {} as T;
  beforeEach(async () => {
    Object.assign(fixture, await make());
  });
  afterEach(() => fixture.cleanup());
  return fixture;
}
