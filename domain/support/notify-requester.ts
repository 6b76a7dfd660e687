import { requestStatusCard } from '../../cards/request-status-card.js';
import { translator, type Locale, type Translate } from '../../i18n/index.js';
import type { DbClient } from '../db.js';
import { enqueueMessage, type Enqueued } from '../delivery/enqueue-message.js';
import { personLocale } from '../people/person-locale.js';
import type { SupportStatus } from './vocabulary.js';

export interface NotifyRequesterOptions {
  request: { id: string; number: string; what: string };
  requester: { id: string; locale: Locale | null; chosenLocale: Locale | null };
  /** The event that changed the status: one notification per event, however often this runs. */
  eventId: bigint;
  status: SupportStatus;
  /** What came with the change; a function for words in the requester's language. */
  text: string | null | ((t: Translate) => string);
  at: Date;
}

/**
 * Tells the requester, in their own 1:1 chat and language, that their henvendelse has a new
 * status. Enqueued in the caller's transaction: the change and its notification commit together.
 */
export async function notifyRequester(tx: DbClient, options: NotifyRequesterOptions): Promise<Enqueued> {
  const locale = personLocale(options.requester);
  const t = translator(locale);
  const text = typeof options.text === 'function' ? options.text(t) : options.text;
  const card = requestStatusCard(
    { requestId: options.request.id, number: options.request.number, what: options.request.what, status: options.status, text, at: options.at, locale },
    t,
  );
  return enqueueMessage(tx, {
    to: { personId: options.requester.id },
    activity: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] },
    idempotencyKey: `support:${options.request.id}:event:${options.eventId}`,
  });
}
