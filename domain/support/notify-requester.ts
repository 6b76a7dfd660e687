import { requestStatusCard } from '../../cards/request-status-card.js';
import { translator, type Locale, type Translate } from '../../i18n/index.js';
import type { DbClient } from '../db.js';
import { enqueueMessage, type Enqueued } from '../delivery/enqueue-message.js';
import { commandWord } from '../help/commands.js';
import { personLocale } from '../people/person-locale.js';
import { respondUntil } from './resolution-window.js';
import type { SupportStatus } from './vocabulary.js';

export interface NotifyRequesterOptions {
  request: { id: string; number: string; what: string };
  requester: { id: string; locale: Locale | null; chosenLocale: Locale | null };
  /** The event that changed the status: one notification per event, however often this runs. */
  eventId: bigint;
  status: SupportStatus;
  /** The henvendelse's version after the change: a resolved one's card answers with it. */
  version: number;
  resolvedAt: Date | null;
  /** The automatic closing after 14 days without the requester's answer (the card says so). */
  autoClosed?: boolean;
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
    { requestId: options.request.id, number: options.request.number, what: options.request.what, status: options.status, text, at: options.at, locale,
      // A resolved henvendelse: «Løst» with a rating, or «Åpne igjen», until 14 days have passed.
      ...(options.autoClosed && { autoClosed: { newRequestCommand: commandWord('nyHenvendelse', locale) } }),
      ...(options.status === 'lost' && options.resolvedAt && { resolution: { version: options.version, respondUntil: respondUntil(options.resolvedAt) } }),
    },
    t,
  );
  return enqueueMessage(tx, {
    to: { personId: options.requester.id },
    activity: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] },
    idempotencyKey: `support:${options.request.id}:event:${options.eventId}`,
  });
}
