import type { BenchRow } from './review-loop-rows.js';

/** Forecast time for 10 live sessions on the vite-sized repo (issue 15). */
export async function conflictForecastRows(_rows: BenchRow[]): Promise<void> {}
