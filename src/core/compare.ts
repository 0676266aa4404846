/** Code-unit string order: stable across machines and locales, and free of ICU start-up cost. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
