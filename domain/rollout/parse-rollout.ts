/**
 * What an administrator types after `innføring` (`rollout`): the days, in the forms `fravær`
 * takes (domain/absence/parse-absence.ts: `29.10–6.11`, `29.10.2026 til 6.11.2026`, one day), then
 * the text for the rollout card. Pure: "today" is a parameter.
 */
import { parseAbsence, type AbsenceParseProblem } from '../absence/parse-absence.js';
import type { LocalDate } from '../calendar/working-days.js';

export type RolloutParseResult = { ok: true; from: LocalDate; to: LocalDate; text: string } | { ok: false; problem: AbsenceParseProblem };

// Two dates with a separator (which may have spaces around it, or be `til`/`to`), then the text.
const RANGE_THEN_TEXT = /^((?:(?:fra|frå|from)\s+)?\S+(?:\s*[–—−-]\s*\S+|\s+(?:til|to)\s+\S+))(?:\s+([\s\S]*))?$/i;
// One word of dates (`29.10–6.11`, `29.10`), then the text.
const WORD_THEN_TEXT = /^(\S+)(?:\s+([\s\S]*))?$/;

/**
 * The days and the text. The longer reading of the days is tried first (`29.10 – 6.11 tekst`),
 * then the first word alone (`29.10 Nytt system`); when neither is a range, the problem of the
 * first that looked like one is the answer.
 */
export function parseRollout(input: string, today: LocalDate): RolloutParseResult {
  const argument = input.trim();
  let firstProblem: AbsenceParseProblem | undefined;
  for (const pattern of [RANGE_THEN_TEXT, WORD_THEN_TEXT]) {
    const match = pattern.exec(argument);
    if (!match) continue;
    const parsed = parseAbsence(match[1]!, today);
    if (parsed.ok) return { ok: true, from: parsed.from, to: parsed.to, text: (match[2] ?? '').trim() };
    firstProblem ??= parsed.problem;
  }
  return { ok: false, problem: firstProblem ?? { code: 'empty' } };
}
