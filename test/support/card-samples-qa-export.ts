import type { AdaptiveCard } from '../../cards/card-kit.js';
import { qaSummaryCard, SUMMARY_ANSWERS, type QaSummaryCardView } from '../../cards/qa-summary-card.js';
import type { Locale, Translate } from '../../i18n/index.js';

/**
 * The summary of a spørretime: in the channel (the largest: every answer at its longest), with
 * nothing asked, and in the moderator's chat with and without download links.
 */
export function addQaExportCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const base: QaSummaryCardView = {
    title: `Spørretime – felles oppstart av nytt sakssystem ${'ø'.repeat(150)}`,
    startsAt: new Date('2026-10-29T07:30:00Z'),
    endsAt: new Date('2026-10-29T08:00:00Z'),
    counts: { questions: 1_234, errorReports: 56, votes: 12_345, voters: 987, answered: 900, unanswered: 300, hidden: 40, merged: 50, carriedIn: 12 },
    carriedOver: true,
    answers: Array.from({ length: SUMMARY_ANSWERS }, (_, i) => ({
      kind: i % 2 ? ('error_report' as const) : ('question' as const),
      text: `Hvorfor *forsvinner* [vedlegget](https://x.no) når jeg lagrer? ${'æ'.repeat(960)} ${i}`,
      votes: 120 - i,
      answer: `Det er rettet i versjon 2.3. ${'å'.repeat(3_990)}`,
    })),
    moreAnswers: 895,
    locale,
  };
  add('qa-summary-card.ts', `${locale} channel`, qaSummaryCard(base, t));
  add('qa-summary-card.ts', `${locale} nothing asked`, qaSummaryCard({
    ...base,
    counts: { questions: 0, errorReports: 0, votes: 0, voters: 0, answered: 0, unanswered: 0, hidden: 0, merged: 0, carriedIn: 0 },
    answers: [],
    moreAnswers: 0,
  }, t));
  add('qa-summary-card.ts', `${locale} moderator with links`, qaSummaryCard({
    ...base,
    carriedOver: false,
    moderator: {
      sessionId: '0b6c2a4e-1111-4222-8333-444455556666',
      downloads: {
        csv: `https://arkivlos.example.no/qa-export/0b6c2a4e-1111-4222-8333-444455556666.csv?lang=${locale}&exp=1798761600&sig=${'a'.repeat(43)}`,
        markdown: `https://arkivlos.example.no/qa-export/0b6c2a4e-1111-4222-8333-444455556666.md?lang=${locale}&exp=1798761600&sig=${'b'.repeat(43)}`,
        validUntil: new Date('2026-11-28T07:30:00Z'),
      },
    },
  }, t));
  add('qa-summary-card.ts', `${locale} moderator without links`, qaSummaryCard({ ...base, moderator: { sessionId: '0b6c2a4e-1111-4222-8333-444455556666', downloads: null } }, t));
}
