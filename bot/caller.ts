import type { TurnContext } from 'botbuilder';
import { resolveLocale, translator, type Locale, type Translate } from '../i18n/index.js';
import type { Logger } from '../infra/logger.js';
import type { PrismaClient } from '../domain/db.js';
import { getPersonContext, type PersonContext } from '../domain/people/get-person-context.js';

/** Who is acting in this turn, in which language. Identity comes from the activity, never from card data. */
export interface Caller {
  aadObjectId: string | undefined;
  person: PersonContext | null;
  locale: Locale;
  t: Translate;
}

const CALLER = Symbol('arkivlos.caller');
const LOGGER = Symbol('arkivlos.logger');

export async function loadCaller(context: TurnContext, prisma: PrismaClient): Promise<Caller> {
  const cached = context.turnState.get(CALLER) as Caller | undefined;
  if (cached) return cached;
  const aadObjectId = context.activity.from?.aadObjectId?.toLowerCase();
  const person = aadObjectId ? await getPersonContext(prisma, aadObjectId) : null;
  const locale = resolveLocale({
    chosen: person?.chosenLocale,
    teamsLocale: context.activity.locale,
    orgLocale: person?.locale,
  });
  const caller: Caller = { aadObjectId, person, locale, t: translator(locale) };
  context.turnState.set(CALLER, caller);
  return caller;
}

/** Forget the cached caller (after the person changed something that affects it, like the language). */
export function forgetCaller(context: TurnContext): void {
  context.turnState.delete(CALLER);
}

export function setTurnLogger(context: TurnContext, logger: Logger): void {
  context.turnState.set(LOGGER, logger);
}

export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(LOGGER) as Logger | undefined) ?? fallback;
}
