import type { AdaptiveCard } from '../../cards/card-kit.js';
import { queueRequestCard, type QueueRequestView } from '../../cards/queue-request-card.js';
import { requestCard, type RequestCardNotice } from '../../cards/request-card.js';
import { requestStatusCard } from '../../cards/request-status-card.js';
import { RATING_COMMENT_LIMIT, REOPEN_REASON_LIMIT } from '../../cards/resolution-kit.js';
import { commandWord } from '../../domain/help/commands.js';
import type { HistoryEvent, RequestHistory } from '../../domain/support/get-request-history.js';
import { INTAKE_LIMITS } from '../../domain/support/intake.js';
import { REPLY_LIMIT } from '../../cards/request-reply-card.js';
import type { Locale, Translate } from '../../i18n/index.js';

const AT = new Date('2026-11-26T09:15:00Z');
const ID = (n: number) => `0b5f1c2e-7d4a-4c1b-9e3f-${String(n).padStart(12, '0')}`;
const LONG = (max: number) => `Journalposten «Søknad om dispensasjon – gnr. 12 bnr. 345» ${'er flyttet, men vedlegget «Kart_gnr12_bnr345.pdf» lå fortsatt i den gamle saken. '.repeat(60)}`.slice(0, max);
const RESPOND_UNTIL = new Date(AT.getTime() + 14 * 24 * 60 * 60 * 1000);

/** The end of a long conversation: resolved with the longest resolution, confirmed with the longest comment. */
function resolutionEvents(status: 'lost' | 'lukket'): HistoryEvent[] {
  const requester = { id: ID(2), name: 'Kari Nordmann-Johannessen Øvrebø' };
  const support = { id: ID(3), name: 'Adele Vance' };
  const events: HistoryEvent[] = [
    { id: 1n, kind: 'created', at: AT, actor: requester, text: null, data: null, internal: false },
    { id: 2n, kind: 'resolved', at: AT, actor: support, text: LONG(REPLY_LIMIT), data: { status: { from: 'under_behandling', to: 'lost' } }, internal: false },
    { id: 3n, kind: 'reopened', at: AT, actor: requester, text: LONG(REOPEN_REASON_LIMIT), data: { status: { from: 'lost', to: 'under_behandling' } }, internal: false },
    { id: 4n, kind: 'resolved', at: AT, actor: support, text: LONG(REPLY_LIMIT), data: { status: { from: 'under_behandling', to: 'lost' } }, internal: false },
  ];
  if (status === 'lukket') {
    events.push(
      { id: 5n, kind: 'confirmed', at: AT, actor: requester, text: null, data: { rating: 5, status: { from: 'lost', to: 'lukket' } }, internal: false },
      { id: 6n, kind: 'rated', at: AT, actor: requester, text: LONG(RATING_COMMENT_LIMIT), data: { rating: 5 }, internal: false },
    );
  }
  return events;
}

function history(status: 'lost' | 'lukket'): RequestHistory {
  return {
    view: 'requester',
    request: {
      id: ID(1),
      number: 'BS-2026-00042',
      status,
      category: 'flytte_kopiere_rette',
      urgency: 'hoy',
      subjectArea: 'Plan og bygg',
      reference: '2026/1234-3',
      what: LONG(INTAKE_LIMITS.what),
      who: LONG(INTAKE_LIMITS.who),
      result: LONG(INTAKE_LIMITS.result),
      line: 'forstelinje',
      requester: { id: ID(2), name: 'Kari Nordmann-Johannessen Øvrebø' },
      assignee: { id: ID(3), name: 'Adele Vance' },
      createdAt: AT,
      updatedAt: AT,
      version: status === 'lost' ? 5 : 7,
      rating: status === 'lukket' ? 5 : null,
      ratingComment: status === 'lukket' ? LONG(RATING_COMMENT_LIMIT) : null,
    },
    events: resolutionEvents(status),
    mayClose: false,
    respondUntil: status === 'lost' ? RESPOND_UNTIL : null,
  };
}

const RATED: QueueRequestView = {
  id: ID(1),
  number: 'BS-2026-00042',
  status: 'lukket',
  category: 'flytte_kopiere_rette',
  urgency: 'hoy',
  subjectArea: 'Plan og bygg',
  reference: '2026/1234-3',
  what: LONG(INTAKE_LIMITS.what),
  who: LONG(INTAKE_LIMITS.who),
  result: LONG(INTAKE_LIMITS.result),
  requesterName: 'Kari Nordmann-Johannessen Øvrebø',
  requesterUpn: 'kari.nordmann-johannessen@eksempel.kommune.no',
  assignee: { id: ID(3), name: 'Adele Vance' },
  version: 7,
  rating: 1,
  ratingComment: LONG(RATING_COMMENT_LIMIT),
  members: [],
};

/** «Løst» and «Åpne igjen»: the requester's status card and own card while resolved, every answer, the rating on the channel card. */
export function addResolutionCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const systemName = t('app.archiveSystem');
  const newRequestCommand = commandWord('nyHenvendelse', locale);
  const status = { requestId: ID(1), number: 'BS-2026-00042', what: LONG(INTAKE_LIMITS.what), at: AT, locale };
  add('request-status-card.ts', `${locale} resolved: confirm with a rating or reopen`, requestStatusCard({ ...status, status: 'lost', text: LONG(REPLY_LIMIT), resolution: { version: 5, respondUntil: RESPOND_UNTIL } }, t));
  add('request-status-card.ts', `${locale} closed automatically`, requestStatusCard({ ...status, status: 'lukket', text: null, autoClosed: { newRequestCommand } }, t));

  const viewerId = ID(2);
  add('request-card.ts', `${locale} requester, resolved: confirm or reopen`, requestCard({ history: history('lost'), viewerId, locale, systemName }, t));
  for (const notice of ['confirmed', 'expired'] as RequestCardNotice[]) {
    add('request-card.ts', `${locale} requester, ${notice}`, requestCard({ history: history(notice === 'confirmed' ? 'lukket' : 'lost'), viewerId, locale, systemName, notice, newRequestCommand }, t));
  }
  for (const notice of ['reopened', 'invalidRating', 'reasonMissing', 'tooLong'] as RequestCardNotice[]) {
    add('request-card.ts', `${locale} requester, ${notice}`, requestCard({ history: history('lost'), viewerId, locale, systemName, notice, newRequestCommand }, t));
  }
  add('queue-request-card.ts', `${locale} closed with a rating and the longest comment`, queueRequestCard({ request: RATED, systemName }, t));
}
