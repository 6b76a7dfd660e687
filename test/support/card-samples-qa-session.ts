import type { AdaptiveCard } from '../../cards/card-kit.js';
import { qaAnnouncementCard, qaCreateCard, qaCreatedCard } from '../../cards/qa-create-card.js';
import { qaAllQuestionsCard, qaSessionCard, type QaSessionCardView } from '../../cards/qa-session-card.js';
import type { QaQuestionView, QaSessionView } from '../../domain/qa/session-view.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `7a1c0e52-9d3b-4f6e-8a2d-${String(n).padStart(12, '0')}`;
const AT = new Date('2026-12-02T08:00:00Z');

/** A question as long as a session takes, with the longest answer, every kind and state. */
function question(n: number, overrides: Partial<QaQuestionView> = {}): QaQuestionView {
  return {
    id: ID(n),
    kind: n % 3 === 0 ? 'error_report' : 'question',
    text: `Spørsmål ${n}: ${'Hvordan avskriver jeg en inngående journalpost med et utgående svar i sak-/arkivsystemet? '.repeat(12)}`.slice(0, 1000),
    status: n % 2 === 0 ? 'answered' : 'open',
    votes: 300 - n,
    ...(n % 4 === 1 ? {} : { asker: { id: ID(1000 + n), name: 'Kari Nordmann-Johannessen Øvrebø' } }),
    answer: n % 2 === 0 ? 'Svar: '.padEnd(4000, 'x') : null,
    answeredAt: n % 2 === 0 ? AT : null,
    carried: n % 5 === 0,
    knownError: n % 3 === 0 ? { id: ID(2000 + n), title: 'Avskrivning med BU feiler når svaret ligger i en annen sak', status: 'meldt_til_leverandor' } : null,
    createdAt: AT,
    version: 1,
    ...overrides,
  };
}

function session(questions: QaQuestionView[], overrides: Partial<QaSessionView> = {}): QaSessionView {
  const open = questions.filter((q) => q.status === 'open').length;
  return {
    id: ID(1),
    conversationId: '19:general@thread.tacv2',
    title: 'Spørretime – felles oppstart av nytt sak-/arkivsystem for hele kommunen'.padEnd(200, '.'),
    startsAt: new Date('2026-12-03T08:00:00Z'),
    endsAt: new Date('2026-12-03T09:00:00Z'),
    state: 'open',
    anonymousAllowed: true,
    pairRole: null,
    version: 1,
    questions: questions.slice(0, 10),
    restCount: Math.max(0, questions.length - 10),
    counts: { open, answered: questions.length - open, hidden: 2, merged: 1, errorReports: 3, votes: 999 },
    ...overrides,
  };
}

const MANY = Array.from({ length: 300 }, (_, i) => question(i + 1));

export function addQaSessionCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const card = (name: string, view: QaSessionCardView) => add('qa-session-card.ts', `${locale} ${name}`, qaSessionCard(view, t));
  card('planned, no questions, no anonymous', { session: session([], { state: 'planned', anonymousAllowed: false }) });
  card('open, 300 questions of the longest, with a notice', { session: session(MANY), notice: { kind: 'done', text: t('qaCard.voted') } });
  card('closed with a problem', { session: session(MANY.slice(0, 4), { state: 'closed' }), notice: { kind: 'problem', text: t('qa.error.ownQuestion') } });
  card('opening of a pair: rollout, answered and fixed since yesterday', {
    session: session(MANY.slice(0, 3), { pairRole: 'opening' }),
    rolloutText: 'Økonomiavdelingen og Plan og bygg er over; Oppvekst følger mandag.',
    sinceLast: { answered: MANY.slice(0, 5).map((q) => ({ text: q.text, answer: 'Svar '.repeat(400) })), moreAnswered: 7, fixed: [{ title: 'Utskrift av journal feiler' }] },
  });
  card('opening of a pair: nothing since yesterday', { session: session([], { pairRole: 'opening', state: 'planned' }), sinceLast: { answered: [], moreAnswered: 0, fixed: [] } });
  card('closing of a pair with known errors', {
    session: session(MANY.slice(0, 6), { pairRole: 'closing' }),
    knownErrors: [
      { title: 'Avskrivning med BU feiler', status: 'under_arbeid' },
      { title: 'Utskrift av journal feiler', status: 'rettet' },
      { title: 'Feil tilgangskode foreslås', status: 'avvist' },
    ],
  });
  add('qa-session-card.ts', `${locale} all 300 questions`, qaAllQuestionsCard({ session: { ...session(MANY), questions: MANY, restCount: 0 } }, t));
  add('qa-session-card.ts', `${locale} all questions of a closed session`, qaAllQuestionsCard({ session: { ...session(MANY.slice(0, 12), { state: 'closed' }), questions: MANY.slice(0, 12) } }, t));

  add('qa-create-card.ts', `${locale} empty form`, qaCreateCard({ today: '2026-11-26' }, t));
  add(
    'qa-create-card.ts',
    `${locale} form again with a problem`,
    qaCreateCard(
      {
        today: '2026-11-26',
        problem: t('qa.error.sessionOverlap'),
        values: { title: 'Spørretime', mode: 'pair', dates: '2.12, 3.12, 4.12', openingStart: '09:00', openingEnd: '09:30', closingStart: '14:00', closingEnd: '14:30', anonymous: 'true' },
      },
      t,
    ),
  );
  add(
    'qa-create-card.ts',
    `${locale} created a pair over a week`,
    qaCreatedCard(
      {
        title: 'Spørretime – felles oppstart',
        sessions: Array.from({ length: 10 }, (_, i) => ({ startsAt: new Date(AT.getTime() + i * 43_200_000), endsAt: new Date(AT.getTime() + i * 43_200_000 + 1_800_000), pairRole: i % 2 === 0 ? 'opening' : 'closing' })),
        postedWhen: t('qaCreate.postedAt', { when: 'tirsdag 1. desember kl. 07:30' }),
      },
      t,
      locale,
    ),
  );
  add('qa-create-card.ts', `${locale} announcement`, qaAnnouncementCard({ text: 'Fra mandag bruker vi det nye systemet. '.repeat(100) }, t));
}
