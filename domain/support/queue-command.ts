import type { Locale } from '../../i18n/index.js';
import type { SupportLine } from '../../prisma/generated/enums.js';

/** The lines that can have a queue channel. IT has none: it is reached by e-mail. */
export const QUEUE_LINES = ['forstelinje', 'prosessradgiver', 'fagspesialist', 'leverandor', 'systemadministrator'] as const satisfies readonly SupportLine[];
export type QueueLine = (typeof QUEUE_LINES)[number];

export function isQueueLine(line: string): line is QueueLine {
  return (QUEUE_LINES as readonly string[]).includes(line);
}

/** What a line's queue is narrowed to: the process advisers of a unit, the specialists of a subject area. */
export const LINE_ARGUMENT: Record<QueueLine, 'unit' | 'subjectArea' | null> = {
  forstelinje: null,
  prosessradgiver: 'unit',
  fagspesialist: 'subjectArea',
  leverandor: null,
  systemadministrator: null,
};

/**
 * The words for each line after `koble kø` / `kople kø` / `bind queue`, per language; the first
 * is the one shown. Any word works in any language, like the commands themselves.
 */
export const LINE_WORDS: Record<QueueLine, Record<Locale, readonly [string, ...string[]]>> = {
  forstelinje: { nb: ['førstelinje', 'førstelinjen'], nn: ['førstelina', 'førstelinja'], en: ['first-line', 'first line'] },
  prosessradgiver: {
    nb: ['prosessrådgivere', 'prosessrådgiver'],
    nn: ['prosessrådgivarar', 'prosessrådgivar'],
    en: ['process-advisers', 'process advisers', 'process-adviser'],
  },
  fagspesialist: { nb: ['fagspesialister', 'fagspesialist'], nn: ['fagspesialistar', 'fagspesialist'], en: ['specialists', 'specialist'] },
  leverandor: { nb: ['leverandør'], nn: ['leverandør'], en: ['vendor'] },
  systemadministrator: { nb: ['systemadministrator'], nn: ['systemadministrator'], en: ['system-administrator', 'system administrator'] },
};

export type ParsedQueueLine = { line: QueueLine; argument: string } | { line: null; given: string };

/**
 * Reads what follows `koble kø`: a line's word, then (for the process advisers and the
 * specialists) the unit or subject area, as typed. The longest matching word wins, so
 * `first line Økonomi` is the first line with the argument `Økonomi`, not `first` and the rest.
 */
export function parseQueueLine(text: string): ParsedQueueLine {
  const typed = text.replace(/\s+/g, ' ').trim();
  const lower = typed.toLocaleLowerCase('nb');
  const candidates = QUEUE_LINES.flatMap((line) =>
    Object.values(LINE_WORDS[line])
      .flat()
      .map((word) => ({ line, word: word.toLocaleLowerCase('nb') })),
  )
    .filter(({ word }) => lower === word || lower.startsWith(`${word} `))
    .sort((a, b) => b.word.length - a.word.length);
  const found = candidates[0];
  if (!found) return { line: null, given: typed.split(' ')[0] ?? '' };
  return { line: found.line, argument: unquote(typed.slice(found.word.length).trim()) };
}

/** `«Plan og bygg»` and `"Plan og bygg"` are `Plan og bygg`. */
function unquote(text: string): string {
  const match = /^["«“'](.*)["»”']$/.exec(text);
  return (match ? match[1]! : text).trim();
}

/** The line's word in a language, with the placeholder for its argument (`fagspesialister <saksområde>`). */
export function lineUsage(line: QueueLine, locale: Locale, argumentWord: (kind: 'unit' | 'subjectArea') => string): string {
  const argument = LINE_ARGUMENT[line];
  const word = LINE_WORDS[line][locale][0];
  return argument ? `${word} <${argumentWord(argument)}>` : word;
}
