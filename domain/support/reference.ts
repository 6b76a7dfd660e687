/**
 * A reference to the case/archive system: a case (saksnummer, `2026/1234`) or a registry entry
 * (journalpostnummer, `2026/1234-3`). The intake card uses the same pattern for its own check.
 */
export const REFERENCE_PATTERN_SOURCE = '^\\d{4}/\\d{1,7}(-\\d{1,5})?$';
export const REFERENCE_PATTERN = new RegExp(REFERENCE_PATTERN_SOURCE);

export function isValidReference(text: string): boolean {
  return REFERENCE_PATTERN.test(text);
}
