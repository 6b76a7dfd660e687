import type { AdaptiveCard } from '../../cards/card-kit.js';
import { intakeCard } from '../../cards/intake-card.js';
import { myRequestsCard } from '../../cards/my-requests-card.js';
import { CLOSE_REASON_LIMIT, HISTORY_LIMIT, requestCard } from '../../cards/request-card.js';
import { requestConfirmationCard } from '../../cards/request-confirmation-card.js';
import { requestStatusCard } from '../../cards/request-status-card.js';
import type { HistoryEvent, RequestHistory } from '../../domain/support/get-request-history.js';
import { INTAKE_FIELDS, INTAKE_LIMITS } from '../../domain/support/intake.js';
import { MY_REQUESTS_LIMIT } from '../../domain/support/list-my-requests.js';
import type { SubmittedRequest } from '../../domain/support/submit-request.js';
import { SUPPORT_EVENT_KINDS, SUPPORT_STATUSES } from '../../domain/support/vocabulary.js';
import { commandWord } from '../../domain/help/commands.js';
import type { Locale, Translate } from '../../i18n/index.js';

const AT = new Date('2026-11-26T09:15:00Z');
const ID = (n: number) => `0b5f1c2e-7d4a-4c1b-9e3f-${String(n).padStart(12, '0')}`;
const LONG = (max: number) => `Jeg får ikke ekspedert journalposten «Søknad om dispensasjon – gnr. 12 bnr. 345» ${'og feilmeldingen «Dokumentet er låst av en annen bruker» kommer hver gang. '.repeat(60)}`.slice(0, max);
const SUBJECT_AREAS = Array.from({ length: 40 }, (_, i) => ({ id: ID(100 + i), name: `Fagområde nummer ${i + 1} med et langt navn (plan, bygg og oppmåling)` }));

const SUBMITTED: SubmittedRequest = {
  id: ID(1),
  number: 'BS-2026-00042',
  status: 'ny',
  category: 'flytte_kopiere_rette',
  urgency: 'kritisk',
  subjectArea: 'Bruk av sak-/arkivsystemet',
  reference: '2026/1234567-12345',
  what: LONG(INTAKE_LIMITS.what),
  version: 1,
  createdAt: AT,
};

/** Every kind of event, from the requester, support and the system, as many as a long conversation has. */
function events(count: number): HistoryEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = SUPPORT_EVENT_KINDS[i % SUPPORT_EVENT_KINDS.length]!;
    return {
      id: BigInt(i + 1),
      kind,
      at: new Date(AT.getTime() + i * 3_600_000),
      actor: i % 5 === 4 ? null : i % 2 ? { id: ID(2), name: 'Kari Nordmann-Johannessen Øvrebø' } : { id: ID(3), name: 'Adele Vance' },
      text: i % 3 ? LONG(INTAKE_LIMITS.what) : null,
      data: { status: { from: 'ny', to: SUPPORT_STATUSES[i % SUPPORT_STATUSES.length]! }, to: 'fagspesialist', rating: 4 },
      internal: kind === 'internal_note',
    };
  });
}

function history(view: 'requester' | 'support', status: RequestHistory['request']['status'], eventCount: number): RequestHistory {
  const all = events(eventCount);
  return {
    view,
    request: {
      id: ID(1),
      number: 'BS-2026-00042',
      status,
      category: 'bruk_av_systemet',
      urgency: 'hoy',
      subjectArea: 'Plan og bygg',
      reference: '2026/1234-3',
      what: LONG(INTAKE_LIMITS.what),
      who: LONG(INTAKE_LIMITS.who),
      result: LONG(INTAKE_LIMITS.result),
      line: 'fagspesialist',
      requester: { id: ID(2), name: 'Kari Nordmann-Johannessen Øvrebø' },
      assignee: { id: ID(3), name: 'Adele Vance' },
      createdAt: AT,
      updatedAt: AT,
      version: 7,
    },
    events: view === 'support' ? all : all.filter((event) => !event.internal),
    mayClose: view === 'requester' && status !== 'lost' && status !== 'lukket',
  };
}

/** The brukerstøtte cards in every language, in their largest realistic shape (test/support/card-samples.ts adds them). */
export function addSupportCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const systemName = t('app.archiveSystem');
  add('intake-card.ts', `${locale} new`, intakeCard({ intakeKey: ID(9), subjectAreas: SUBJECT_AREAS.slice(0, 5), systemName }, t));
  add(
    'intake-card.ts',
    `${locale} every field wrong, the values kept, from self-help`,
    intakeCard(
      {
        intakeKey: ID(9),
        selfHelpQueryId: ID(10),
        subjectAreas: SUBJECT_AREAS,
        systemName: 'Elements',
        values: { what: LONG(9_999), who: LONG(9_999), result: LONG(9_999), category: 'feilmelding', subjectAreaId: ID(100), reference: '2026-1234', urgency: 'hoy' },
        problems: INTAKE_FIELDS.map((field) => (field === 'what' ? { field, problem: 'tooLong', max: INTAKE_LIMITS.what } : { field, problem: 'format' })),
      },
      t,
    ),
  );
  add('intake-card.ts', `${locale} no subject areas`, intakeCard({ intakeKey: ID(9), subjectAreas: [], systemName }, t));

  const mineCommand = commandWord('mineHenvendelser', locale);
  add('request-confirmation-card.ts', `${locale} every field`, requestConfirmationCard({ request: SUBMITTED, locale, systemName, mineCommand }, t));
  add(
    'request-confirmation-card.ts',
    `${locale} only what is required`,
    requestConfirmationCard({ request: { ...SUBMITTED, subjectArea: null, reference: null, what: 'Hjelp', urgency: 'normal' }, locale, systemName, mineCommand }, t),
  );

  const requests = Array.from({ length: MY_REQUESTS_LIMIT }, (_, i) => ({
    id: ID(200 + i),
    number: `BS-2026-${String(99_999 - i).padStart(5, '0')}`,
    what: LONG(INTAKE_LIMITS.what),
    status: SUPPORT_STATUSES[i % SUPPORT_STATUSES.length]!,
    updatedAt: new Date(AT.getTime() - i * 86_400_000),
  }));
  add('my-requests-card.ts', `${locale} a full list and more`, myRequestsCard({ list: { total: 1_234, requests }, locale }, t));
  add('my-requests-card.ts', `${locale} none yet`, myRequestsCard({ list: { total: 0, requests: [] }, locale }, t));

  const viewerId = ID(2);
  add('request-card.ts', `${locale} requester, long history, open`, requestCard({ history: history('requester', 'venter_pa_innmelder', HISTORY_LIMIT * 2), viewerId, locale, systemName }, t));
  add('request-card.ts', `${locale} requester, just closed`, requestCard({ history: history('requester', 'lukket', 3), viewerId, locale, systemName, notice: 'closed' }, t));
  add('request-card.ts', `${locale} requester, stale card`, requestCard({ history: history('requester', 'lost', 5), viewerId, locale, systemName, notice: 'stale' }, t));
  add('request-card.ts', `${locale} support, internal events`, requestCard({ history: history('support', 'hos_leverandor', HISTORY_LIMIT + 5), viewerId: ID(3), locale, systemName }, t));

  const status = { requestId: ID(1), number: 'BS-2026-00042', what: LONG(INTAKE_LIMITS.what), at: AT, locale };
  add('request-status-card.ts', `${locale} with a comment`, requestStatusCard({ ...status, status: 'lukket', text: LONG(CLOSE_REASON_LIMIT) }, t));
  add('request-status-card.ts', `${locale} waiting for the requester`, requestStatusCard({ ...status, status: 'venter_pa_innmelder', text: null }, t));
}
