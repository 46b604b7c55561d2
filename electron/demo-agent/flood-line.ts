/** The line the demo agent's `flood N` repeats; benchmarks write the same text to a bare terminal. */
export const FLOOD_LINE = 'flotilla demo flood: the quick brown fox jumps over the lazy dog 0123456789\r\n';
