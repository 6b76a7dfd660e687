import type { AdaptiveCard } from '../../cards/card-kit.js';
import { queueRequestCard, type QueueRequestView } from '../../cards/queue-request-card.js';
import { VISIT_TEXT_LIMIT, visitOfferCard } from '../../cards/visit-offer-card.js';
import { INTAKE_LIMITS } from '../../domain/support/intake.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `0b5f1c2e-7d4a-4c1b-9e3f-${String(n).padStart(12, '0')}`;
const LONG = (max: number) => `Jeg kan komme innom i dag etter lunsj, «rom 4.112 i 4. etasje», ${'eller i morgen tidlig hvis det passer bedre for deg og avdelingen. '.repeat(20)}`.slice(0, max);

/** The channel card as «Tilby besøk» and «Løs» with «Publiser i kunnskapsbasen» leave it. */
const REQUEST: QueueRequestView = {
  id: ID(1),
  number: 'BS-2026-00042',
  status: 'under_behandling',
  category: 'feilmelding',
  urgency: 'hoy',
  subjectArea: 'Bruk av sak-/arkivsystemet',
  reference: '2026/1234-3',
  what: LONG(INTAKE_LIMITS.what),
  who: LONG(INTAKE_LIMITS.who),
  result: LONG(INTAKE_LIMITS.result),
  requesterName: 'Kari Nordmann-Johannessen Øvrebø',
  requesterUpn: 'kari.nordmann-johannessen.ovrebo+arkiv@eksempel.kommune.no',
  assignee: { id: ID(2), name: 'Adele Vance' },
  version: 3,
  members: Array.from({ length: 60 }, (_, i) => ({ id: ID(100 + i), name: `Saksbehandler nummer ${i + 1} Nordmann-Johannessen` })),
};

export function addVisitCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const systemName = t('app.archiveSystem');
  add('queue-request-card.ts', `${locale} visit offered`, queueRequestCard({ request: REQUEST, systemName, notice: { kind: 'visitOffered' } }, t));
  add('queue-request-card.ts', `${locale} resolved and published`, queueRequestCard({ request: { ...REQUEST, status: 'lost', version: 4 }, systemName, notice: { kind: 'published' } }, t));

  const offer = { requestId: ID(1), offerId: '9007199254740993', number: 'BS-2026-00042', from: 'Adele Vance-Nordmann Johannessen', note: LONG(VISIT_TEXT_LIMIT) };
  add('visit-offer-card.ts', `${locale} offer with the longest note`, visitOfferCard(offer, t));
  add('visit-offer-card.ts', `${locale} offer without a note`, visitOfferCard({ ...offer, note: null }, t));
  add('visit-offer-card.ts', `${locale} accepted with the longest comment`, visitOfferCard({ ...offer, answer: { kind: 'accepted', comment: LONG(VISIT_TEXT_LIMIT) } }, t));
  add('visit-offer-card.ts', `${locale} declined without a comment`, visitOfferCard({ ...offer, answer: { kind: 'declined', comment: null } }, t));
  for (const kind of ['alreadyAnswered', 'superseded', 'closed'] as const) add('visit-offer-card.ts', `${locale} ${kind}`, visitOfferCard({ ...offer, answer: { kind } }, t));
}
