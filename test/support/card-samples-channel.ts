import type { AdaptiveCard } from '../../cards/card-kit.js';
import { queueRequestCard, type QueueCardNotice, type QueueRequestView } from '../../cards/queue-request-card.js';
import { INTAKE_LIMITS } from '../../domain/support/intake.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `0b5f1c2e-7d4a-4c1b-9e3f-${String(n).padStart(12, '0')}`;
const LONG = (max: number) => `Jeg får ikke ekspedert journalposten «Søknad om dispensasjon – gnr. 12 bnr. 345» ${'og feilmeldingen «Dokumentet er låst av en annen bruker» kommer hver gang. '.repeat(60)}`.slice(0, max);

/** The largest realistic channel card: every answer at its limit, a long line of people to assign. */
const REQUEST: QueueRequestView = {
  id: ID(1),
  number: 'BS-2026-00042',
  status: 'ny',
  category: 'bruk_av_systemet',
  urgency: 'kritisk',
  subjectArea: 'Bruk av sak-/arkivsystemet',
  reference: '2026/1234567-12345',
  what: LONG(INTAKE_LIMITS.what),
  who: LONG(INTAKE_LIMITS.who),
  result: LONG(INTAKE_LIMITS.result),
  requesterName: 'Kari Nordmann-Johannessen Øvrebø',
  requesterUpn: 'kari.nordmann-johannessen.ovrebo@eksempel.kommune.no',
  assignee: null,
  version: 1,
  members: Array.from({ length: 60 }, (_, i) => ({ id: ID(100 + i), name: `Saksbehandler nummer ${i + 1} Nordmann-Johannessen` })),
};

export function addChannelCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const systemName = t('app.archiveSystem');
  const taken = { ...REQUEST, status: 'under_behandling' as const, assignee: { id: ID(100), name: 'Adele Vance' }, version: 2 };
  const notices: QueueCardNotice[] = [
    { kind: 'taken' },
    { kind: 'alreadyTaken', name: 'Adele Vance' },
    { kind: 'assigned', name: 'Ole Johansen' },
    { kind: 'noted' },
    { kind: 'noteEmpty' },
    { kind: 'notMember' },
    { kind: 'stale' },
    { kind: 'replied' },
    { kind: 'replyEmpty' },
    { kind: 'waiting' },
    { kind: 'resolutionEmpty' },
  ];
  add('queue-request-card.ts', `${locale} new, not taken, every answer at its limit`, queueRequestCard({ request: REQUEST, systemName }, t));
  for (const notice of notices) add('queue-request-card.ts', `${locale} taken, ${notice.kind}`, queueRequestCard({ request: taken, systemName, notice }, t));
  add('queue-request-card.ts', `${locale} waiting, waiting`, queueRequestCard({ request: { ...taken, status: 'venter_pa_innmelder' }, systemName, notice: { kind: 'waiting' } }, t));
  add('queue-request-card.ts', `${locale} resolved, resolved`, queueRequestCard({ request: { ...taken, status: 'lost' }, systemName, notice: { kind: 'resolved' } }, t));
  add('queue-request-card.ts', `${locale} closed, closed`, queueRequestCard({ request: { ...taken, status: 'lukket', members: [] }, systemName, notice: { kind: 'closed' } }, t));
  add('queue-request-card.ts', `${locale} closed`, queueRequestCard({ request: { ...taken, status: 'lukket', members: [] }, systemName }, t));
}
