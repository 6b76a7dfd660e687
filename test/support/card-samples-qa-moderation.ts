import type { AdaptiveCard } from '../../cards/card-kit.js';
import { knownErrorsCard } from '../../cards/known-errors-card.js';
import { qaModerationCard } from '../../cards/qa-moderation-card.js';
import { KNOWN_ERROR_STATUSES } from '../../domain/known-errors/vocabulary.js';
import { LINKABLE_KNOWN_ERRORS, MODERATION_TOP, type ModerationQuestion } from '../../domain/qa/moderation-view.js';
import { QA_LIMITS, type QaQuestionStatus } from '../../domain/qa/vocabulary.js';
import type { Locale, Translate } from '../../i18n/index.js';
import { KNOWN_ERRORS_SHOWN } from '../../domain/known-errors/list-known-errors.js';

const ID = (n: number) => `7a1c2e3f-4b5d-4e6f-8a9b-${String(n).padStart(12, '0')}`;
const STATUSES: QaQuestionStatus[] = ['open', 'answered', 'hidden', 'merged'];

/** The largest moderation card: as many questions as it shows, every text at its limit, every status, error reports with their forms. */
function question(n: number, longest: boolean): ModerationQuestion {
  const status = STATUSES[n % 4]!;
  return {
    id: ID(n),
    kind: n % 3 === 0 ? 'error_report' : 'question',
    text: longest ? `Hvorfor ${'x'.repeat(QA_LIMITS.question - 20)} ${n}?` : `Hvordan avskriver jeg en journalpost? (${n})`,
    status,
    votes: 60 - n,
    anonymous: n % 5 === 0,
    askerName: n % 5 === 0 ? null : `Kari Nordmann-Johannessen ${n}`,
    answer: status === 'answered' ? (longest ? 'S'.repeat(QA_LIMITS.answer) : 'Velg «Avskriv» på kortet.') : null,
    hiddenReason: status === 'hidden' ? 'R'.repeat(longest ? QA_LIMITS.reason : 20) : null,
    mergedInto: status === 'merged' ? { id: ID(0), text: 'Hvordan avskriver jeg?' } : null,
    knownError: n === 3 ? { id: ID(900), title: 'Søk gir tomt resultat', status: 'under_arbeid' } : null,
    carried: n % 7 === 0,
    version: 1 + n,
  };
}

export function addQaModerationCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const session = { id: ID(1000), title: 'Spørretime – felles oppstart', state: 'open' as const, startsAt: new Date('2026-11-26T08:00:00Z'), endsAt: new Date('2026-11-26T09:00:00Z') };
  const knownErrors = Array.from({ length: LINKABLE_KNOWN_ERRORS }, (_, i) => ({ id: ID(800 + i), title: `Kjent feil ${'t'.repeat(150)} ${i}`, status: KNOWN_ERROR_STATUSES[i % 3]! }));
  add('qa-moderation-card.ts', `${locale} no questions yet`, qaModerationCard({ session, questions: [], restCount: 0, knownErrors: [] }, t));
  add(
    'qa-moderation-card.ts',
    `${locale} a few, just answered`,
    qaModerationCard(
      { session, questions: Array.from({ length: 8 }, (_, n) => question(n, false)), restCount: 0, knownErrors: knownErrors.slice(0, 2), notice: { kind: 'done', outcome: { kind: 'merge', votes: 5 } } },
      t,
    ),
  );
  add(
    'qa-moderation-card.ts',
    `${locale} the largest, a rule refused`,
    qaModerationCard(
      {
        session: { ...session, title: 'T'.repeat(QA_LIMITS.title) },
        questions: Array.from({ length: MODERATION_TOP }, (_, n) => question(n, true)),
        restCount: 123,
        knownErrors,
        notice: { kind: 'problem', text: t('qa.error.textLength') },
      },
      t,
    ),
  );

  const errors = Array.from({ length: KNOWN_ERRORS_SHOWN }, (_, i) => ({
    id: ID(500 + i),
    title: `${'Feil '.repeat(39)} ${i}`,
    status: KNOWN_ERROR_STATUSES[i % KNOWN_ERROR_STATUSES.length]!,
    vendorReference: i % 2 ? `CASE-${'9'.repeat(QA_LIMITS.vendorReference - 6)}` : null,
    reports: i * 3,
    version: 1,
  }));
  add('known-errors-card.ts', `${locale} empty`, knownErrorsCard({ errors: [], restCount: 0 }, t));
  add('known-errors-card.ts', `${locale} fixed, people told`, knownErrorsCard({ errors: errors.slice(0, 3), restCount: 0, notice: { kind: 'status', title: 'Søk gir tomt resultat', status: 'rettet', told: 12 } }, t));
  add('known-errors-card.ts', `${locale} the largest, stale`, knownErrorsCard({ errors, restCount: 40, notice: { kind: 'stale' } }, t));
}
