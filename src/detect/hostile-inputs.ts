/**
 * ReDoS-shaped content for a rule: 1 MB lines made of its keyword and the characters its pattern
 * loops over. Shared by the hostile-input tests (every rule finishes, none goes partial) and the
 * bench (how fast the worst rule is on its worst input).
 */
export function hostileInputs(keyword: string, size = 1 << 20): string[] {
  return [
    keyword.repeat(Math.ceil(size / keyword.length)),
    `${keyword}${'a'.repeat(size)}`,
    `${keyword}${'a:'.repeat(size / 2)}`,
    `${keyword}${'A1/+'.repeat(size / 4)}`,
    `${keyword}x@`.repeat(Math.ceil(size / (keyword.length + 2))),
  ];
}
