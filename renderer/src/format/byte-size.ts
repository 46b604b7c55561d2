const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** A size in binary units a person reads at a glance: "512 B", "48 KB", "3.2 MB", "26 GB". */
export function byteSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal only where it still says something (3.2 MB), none from 10 up (48 KB) or for bytes.
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}
