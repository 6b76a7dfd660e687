import { translator, type Locale, type Translate } from '../../i18n/index.js';
import { sql, type DbClient } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import { personLocale } from '../people/person-locale.js';

export interface NotifyPeopleOptions {
  /** Whom to tell; repeated ids and people who have left the organisation are skipped. */
  personIds: readonly string[];
  /** One message per person and key: running the same change twice tells nobody twice. */
  idempotencyKey: (personId: string) => string;
  /** The message in the person's language. */
  text: (t: Translate, personId: string) => string;
}

/**
 * Tells people in their 1:1 chat, each in their own language, through the outbox: call it inside
 * the transaction of the change, so the change and its messages commit together or not at all.
 * Answers with the number of messages enqueued.
 */
export async function notifyPeople(tx: DbClient, options: NotifyPeopleOptions): Promise<number> {
  const ids = [...new Set(options.personIds)];
  if (ids.length === 0) return 0;
  const people = await sql(tx).rows<{ id: string; locale: Locale | null; chosenLocale: Locale | null }>`
    SELECT id::text AS id, locale::text AS locale, chosen_locale::text AS "chosenLocale"
    FROM person WHERE id = ANY(${ids}::uuid[]) AND active ORDER BY id`;
  for (const person of people) {
    const t = translator(personLocale(person));
    await enqueueMessage(tx, {
      to: { personId: person.id },
      activity: { type: 'message', text: options.text(t, person.id) },
      idempotencyKey: options.idempotencyKey(person.id),
    });
  }
  return people.length;
}
