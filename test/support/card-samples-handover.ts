import type { AdaptiveCard } from '../../cards/card-kit.js';
import type { HandoverNotice } from '../../cards/queue-request-handover.js';
import { queueRequestCard, type QueueRequestView } from '../../cards/queue-request-card.js';
import { directionOf } from '../../domain/support/hand-over-choices.js';
import { INTAKE_LIMITS } from '../../domain/support/intake.js';
import type { RequestLocation } from '../../domain/support/request-location.js';
import { SUPPORT_LINES } from '../../domain/support/vocabulary.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `3c9e2a71-5b8d-4f0e-a1c2-${String(n).padStart(12, '0')}`;
const LONG = (max: number) => `Fakturaen «Refusjon av reiseutgifter – konferanse om offentlige anskaffelser» blir ikke journalført, ${'og økonomimodulen svarer «Bilaget er sperret for endring» hver gang. '.repeat(60)}`.slice(0, max);
const AREA = { id: ID(2), name: 'Bruk av sak-/arkivsystemet og tilgrensende fagsystemer' };
const UNIT = { id: ID(3), name: 'Seksjon for økonomi, innkjøp og virksomhetsstyring' };
const place = (line: RequestLocation['line']): RequestLocation => ({ line, unit: line === 'prosessradgiver' ? UNIT : null, subjectArea: line === 'fagspesialist' ? AREA : null });

/** The largest channel card with the hand-over parts: every answer at its limit, every target, forty subject areas. */
const REQUEST: QueueRequestView = {
  id: ID(1),
  number: 'BS-2026-12345',
  status: 'under_behandling',
  category: 'feilmelding',
  urgency: 'kritisk',
  subjectArea: AREA.name,
  reference: '2026/1234567-12345',
  what: LONG(INTAKE_LIMITS.what),
  who: LONG(INTAKE_LIMITS.who),
  result: LONG(INTAKE_LIMITS.result),
  requesterName: 'Kari Nordmann-Johannessen Øvrebø',
  requesterUpn: 'kari.nordmann-johannessen@eksempel.kommune.no',
  assignee: { id: ID(100), name: 'Patti Fernandez' },
  version: 7,
  members: Array.from({ length: 40 }, (_, i) => ({ id: ID(100 + i), name: `Fagspesialist nummer ${i + 1} Nordmann-Johannessen` })),
  location: place('fagspesialist'),
  vendorReference: null,
  elsewhere: false,
  handover: {
    targets: SUPPORT_LINES.map((line) => ({ line, direction: directionOf('fagspesialist', line) })),
    subjectAreas: Array.from({ length: 40 }, (_, i) => ({ id: ID(200 + i), name: `Saksområde nummer ${i + 1} med et langt navn` })),
    subjectAreaId: ID(200),
  },
};

export function addHandoverCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const systemName = t('app.archiveSystem');
  const notices: HandoverNotice[] = [
    { kind: 'handedOver', place: place('fagspesialist') },
    { kind: 'samePlace', place: place('prosessradgiver') },
    { kind: 'reasonMissing' },
    { kind: 'reasonTooLong', max: 2000 },
    { kind: 'noAdviser' },
    { kind: 'noSubjectArea' },
    { kind: 'noSpecialist', area: AREA.name },
    { kind: 'noVendorLiaison' },
    { kind: 'noSystemAdministrator' },
    { kind: 'emailNotConfigured' },
  ];
  add('queue-request-card.ts', `${locale} at the specialists, every hand-over target`, queueRequestCard({ request: REQUEST, systemName }, t));
  for (const notice of notices) add('queue-request-card.ts', `${locale} hand-over, ${notice.kind}`, queueRequestCard({ request: REQUEST, systemName, notice }, t));
  const atVendor = { ...REQUEST, status: 'hos_leverandor' as const, location: place('leverandor'), vendorReference: 'X'.repeat(100) };
  add('queue-request-card.ts', `${locale} at the vendor, the reference at its limit`, queueRequestCard({ request: atVendor, systemName, notice: { kind: 'vendorRecorded' } }, t));
  for (const kind of ['vendorEmpty', 'vendorTooLong'] as const) {
    add('queue-request-card.ts', `${locale} at the vendor, ${kind}`, queueRequestCard({ request: atVendor, systemName, notice: kind === 'vendorTooLong' ? { kind, max: 100 } : { kind } }, t));
  }
  const atIt = { ...REQUEST, status: 'hos_it' as const, assignee: null, location: place('it'), handover: null };
  add('queue-request-card.ts', `${locale} at IT, handed over`, queueRequestCard({ request: atIt, systemName, notice: { kind: 'handedOver', place: place('it') } }, t));
  add('queue-request-card.ts', `${locale} at IT, itEmpty`, queueRequestCard({ request: atIt, systemName, notice: { kind: 'itEmpty' } }, t));
  add('queue-request-card.ts', `${locale} back from IT, itRecorded`, queueRequestCard({ request: { ...REQUEST, location: place('forstelinje'), assignee: null }, systemName, notice: { kind: 'itRecorded' } }, t));
  add('queue-request-card.ts', `${locale} in a channel it has left`, queueRequestCard({ request: { ...REQUEST, elsewhere: true, location: place('prosessradgiver') }, systemName }, t));
}
