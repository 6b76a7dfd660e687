import { writeAudit } from '../audit.js';
import { type PrismaClient, sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';

export interface ChooseCardWhenEmptyOptions {
  /** The person, by the identity Teams gives (never from card data). */
  aadObjectId: string;
  /** «Send meg kortet også når alt er gjort». */
  whenEmpty: boolean;
}

/** Stores whether the person gets the daily card also on a day with nothing to do; audited when it changes. */
export async function chooseCardWhenEmpty(prisma: PrismaClient, options: ChooseCardWhenEmptyOptions): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const [person] = await sql(tx).rows<{ id: string; daily_card_when_empty: boolean }>`
      SELECT id, daily_card_when_empty FROM person WHERE aad_object_id = ${options.aadObjectId} AND active FOR UPDATE`;
    if (!person) throw new AppError(AppErrorCode.UNKNOWN_PERSON);
    if (person.daily_card_when_empty === options.whenEmpty) return;
    await sql(tx).run`UPDATE person SET daily_card_when_empty = ${options.whenEmpty}, updated_at = now() WHERE id = ${person.id}::uuid`;
    await writeAudit(tx, {
      actor: options.aadObjectId,
      action: 'person.dailyCardWhenEmpty',
      entity: 'person',
      entityId: person.id,
      before: { dailyCardWhenEmpty: person.daily_card_when_empty },
      after: { dailyCardWhenEmpty: options.whenEmpty },
    });
  });
}
