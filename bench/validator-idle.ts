import type { BenchRow } from './review-loop-rows.js';

/** Idle host CPU with validators configured against none, same run (issue 15). */
export async function validatorIdleRows(_rows: BenchRow[]): Promise<void> {}
