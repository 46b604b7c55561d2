import type { Summary } from './stats.js';
import { conflictForecastRows } from './conflict-forecast.js';
import { validatorIdleRows } from './validator-idle.js';

/** One line of the bench table (run.ts prints them). */
export interface BenchRow {
  metric: string;
  value: Summary;
  unit: string;
  baseline?: Summary;
  baselineName?: string;
  /** Decimals shown (default 1). */
  digits?: number;
}

/** Review that talks back (issue 15): the conflict forecast and validators' idle cost. */
export async function reviewLoopRows(rows: BenchRow[]): Promise<void> {
  await conflictForecastRows(rows);
  await validatorIdleRows(rows);
}
