import type { Locale } from '../../i18n/index.js';
import { writeAudit } from '../audit.js';
import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';

export interface ChooseLanguageOptions {
  aadObjectId: string;
  locale: Locale;
}

/** Stores the language a person chose in `innstillinger`; it wins over the Teams locale. */
export async function chooseLanguage(prisma: PrismaClient, options: ChooseLanguageOptions): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { aadObjectId: options.aadObjectId } });
    if (!person || !person.active) throw new AppError(AppErrorCode.UNKNOWN_PERSON);
    if (person.chosenLocale === options.locale) return;
    await tx.person.update({ where: { id: person.id }, data: { chosenLocale: options.locale } });
    await writeAudit(tx, {
      actor: options.aadObjectId,
      action: 'person.chooseLanguage',
      entity: 'person',
      entityId: person.id,
      before: { chosenLocale: person.chosenLocale },
      after: { chosenLocale: options.locale },
    });
  });
}
