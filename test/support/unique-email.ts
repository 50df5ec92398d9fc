let counter = 0;

/** A fresh address per call (process, counter and randomness), so tests running side by side never collide. */
export function uniqueEmail(prefix = 'rider'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}
