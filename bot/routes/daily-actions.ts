import type { TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { dailyActionCard, DAILY_SHOW_VERB, FORM_INPUT } from '../../cards/daily-action-card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import type { ArchivePort } from '../../domain/archive/port.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import type { Avskrivningsmate, OffentleglovaHjemmel, RealTilgangskode, SkjermetFelt } from '../../domain/archive/vocabulary.js';
import { actOnDailyCard, type DailyActContext, type DailyActRequest, type DailyTargetRef } from '../../domain/daily/act-on-daily-card.js';
import { DAILY_ACTION_VERBS, type DailyActionKind } from '../../domain/daily/daily-view.js';
import { isFormAction, openDailyAction } from '../../domain/daily/open-daily-action.js';
import { AppError, AppErrorCode, isAppError } from '../../domain/errors.js';
import { dailyContext } from '../../domain/daily/daily-context.js';
import { loadCaller, turnLogger, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { errorMessageKey } from '../errors.js';
import { showDailyCard } from './daily.js';
import { commandScopeOf } from './help.js';

/** What each action's card data names: the entry, case, step or decision, and the version the card showed. */
const TARGET_OF: Record<DailyActionKind, 'entryId' | 'caseId' | 'stepId' | 'decisionId'> = {
  fordel: 'entryId',
  omfordel: 'entryId',
  feilEnhet: 'entryId',
  feilSaksbehandler: 'entryId',
  avskriv: 'entryId',
  settForfallsdato: 'entryId',
  offentlig: 'entryId',
  unnta: 'entryId',
  journalfor: 'entryId',
  nyObsDato: 'caseId',
  kvitter: 'decisionId',
  godkjent: 'stepId',
  ikkeGodkjent: 'stepId',
  sendVidere: 'stepId',
};

/** Card data is untrusted: the target, its version, whether the form was sent, and the form's inputs as Teams sends them (strings). */
const ZCardData = z.object({
  entryId: z.string().uuid().optional(),
  caseId: z.string().uuid().optional(),
  stepId: z.string().uuid().optional(),
  decisionId: z.string().uuid().optional(),
  version: z.number().int().nonnegative(),
  submit: z.literal(true).optional(),
  method: z.string().max(10).optional(),
  [FORM_INPUT.person]: z.string().max(80).optional(),
  [FORM_INPUT.replyMethod]: z.string().max(10).optional(),
  [FORM_INPUT.replyNumber]: z.string().max(40).optional(),
  [FORM_INPUT.date]: z.string().max(20).optional(),
  [FORM_INPUT.comment]: z.string().max(2000).optional(),
  [FORM_INPUT.merknad]: z.string().max(2000).optional(),
  [FORM_INPUT.accessCode]: z.string().max(10).optional(),
  [FORM_INPUT.legalBasis]: z.string().max(10).optional(),
  [FORM_INPUT.screenedFields]: z.string().max(200).optional(),
  [FORM_INPUT.meirinnsyn]: z.string().max(10).optional(),
  [FORM_INPUT.publicTitle]: z.string().max(500).optional(),
});
type CardData = z.infer<typeof ZCardData>;
const ZUuid = z.string().uuid();

/**
 * The daily card's actions (`Action.Execute`, one verb each; PRODUCT.md §3). In the person's own
 * 1:1 chat only. An action that asks for something first (a caseworker, a method, a date …)
 * answers its first click with its form; the form's button, and the one-click actions, act and
 * answer with «Mine oppgaver» as it is now, saying what was done, or who had done it already.
 * A refusal by a rule (a wrong reply number, a missing comment) shows the form again with the
 * sentence; nothing was changed.
 */
export function registerDailyActions(app: Application, deps: BotDeps): void {
  for (const [kind, verb] of Object.entries(DAILY_ACTION_VERBS) as [DailyActionKind, string][]) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, raw): Promise<AdaptiveCard | string> => {
      const caller = await loadCaller(context, deps.prisma);
      if (!caller.person || !caller.aadObjectId) return caller.t('error.unknownPerson');
      if (commandScopeOf(context) !== 'personal') return caller.t('daily.notice.inChat');
      const parsed = ZCardData.safeParse(raw);
      const targetId = parsed.success ? parsed.data[TARGET_OF[kind]] : undefined;
      if (!parsed.success || targetId === undefined) return caller.t('error.invalidData');
      const data = parsed.data;
      const ref = { [TARGET_OF[kind]]: targetId } as DailyTargetRef;
      const archive = deps.archive ?? builtInRegistry(deps.prisma);
      const actContext = contextOf(caller, deps);
      const log = turnLogger(context, deps.logger);

      if (isFormAction(kind) && !data.submit) {
        const opened = await openDailyAction(deps.prisma, archive, actContext, kind, ref, data.version);
        if ('stale' in opened) return showDailyCard(context, caller, deps, { notice: opened.stale, daily: await actContext.daily });
        return dailyActionCard(opened.form, { personal: true }, caller.t);
      }
      try {
        const outcome = await actOnDailyCard(archive, actContext, requestOf(kind, ref, data));
        log.info({ verb, ...ref, outcome: outcome.outcome }, 'daily card action');
        return await showDailyCard(context, caller, deps, { notice: outcome, daily: await actContext.daily });
      } catch (error) {
        if (!isFormAction(kind) || !isAppError(error) || error.code === AppErrorCode.FORBIDDEN || error.code === AppErrorCode.NOT_FOUND) throw error;
        log.warn({ verb, ...ref, code: error.code }, 'daily card action refused by a rule');
        return showForm(context, caller, deps, archive, actContext, kind, ref, data.version, caller.t(errorMessageKey(error)));
      }
    });
  }

  app.adaptiveCards.actionExecute(DAILY_SHOW_VERB, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    if (commandScopeOf(context) !== 'personal') return caller.t('daily.notice.inChat');
    return showDailyCard(context, caller, deps);
  });
}

/**
 * Who acts, and when; and their day, settings and rights (dailyContext), read while the action
 * reads what it is about, and used again for the card composed after it.
 */
function contextOf(caller: Caller, deps: BotDeps): DailyActContext {
  const now = deps.now();
  const daily = dailyContext(deps.prisma, caller.person!.id, now);
  // Awaited by the action (with what it reads) or by the card after it; a failure surfaces there.
  daily.catch(() => undefined);
  return { actor: { id: caller.person!.id, aadObjectId: caller.aadObjectId! }, now, daily };
}

/** The form again, with why the last try changed nothing; or the card as it is now if the item changed meanwhile. */
async function showForm(
  context: TurnContext,
  caller: Caller,
  deps: BotDeps,
  archive: ArchivePort,
  actContext: DailyActContext,
  kind: Parameters<typeof openDailyAction>[3],
  ref: DailyTargetRef,
  version: number,
  problem: string,
) {
  const opened = await openDailyAction(deps.prisma, archive, actContext, kind, ref, version);
  if ('stale' in opened) return showDailyCard(context, caller, deps, { notice: opened.stale, daily: await actContext.daily });
  return dailyActionCard(opened.form, { personal: true, problem }, caller.t);
}

const invalid = (what: string) => new AppError(AppErrorCode.INVALID_INPUT, { message: `daily card data: ${what}` });

/** The card data as one action's request; what a rule decides (a missing comment, an unknown code) is left to the rule. */
function requestOf(kind: DailyActionKind, ref: DailyTargetRef, data: CardData): DailyActRequest {
  const base = { ...ref, version: data.version } as DailyTargetRef & { version: number };
  const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  switch (kind) {
    case 'fordel':
    case 'omfordel': {
      const [caseworkerId, subUnitId] = (data.person ?? '').split('|');
      if (!ZUuid.safeParse(caseworkerId).success || (subUnitId !== undefined && !ZUuid.safeParse(subUnitId).success)) throw invalid('person');
      return { ...(base as { entryId: string; version: number }), kind, caseworkerId: caseworkerId!, subUnitId: subUnitId ?? null };
    }
    case 'avskriv': {
      const method = (data.method ?? data.replyMethod) as Avskrivningsmate | undefined;
      if (!method) throw invalid('method');
      return { ...(base as { entryId: string; version: number }), kind, method, replyNumber: data.method ? null : trimmed(data.replyNumber) };
    }
    case 'settForfallsdato':
      return { ...(base as { entryId: string; version: number }), kind, dueDate: dateOf(data) };
    case 'nyObsDato':
      return { ...(base as { caseId: string; version: number }), kind, obsDate: dateOf(data) };
    case 'unnta':
      return {
        ...(base as { entryId: string; version: number }),
        kind,
        decision: {
          kind: 'unnta',
          accessCode: (data.accessCode ?? '') as RealTilgangskode,
          legalBasis: (data.legalBasis ?? '') as OffentleglovaHjemmel,
          screenedFields: (data.screenedFields ?? '').split(',').filter(Boolean) as SkjermetFelt[],
          meirinnsynConsidered: data.meirinnsyn === 'true',
          publicTitle: trimmed(data.publicTitle),
        },
      };
    case 'ikkeGodkjent': {
      if (data.person !== undefined && data.person !== '' && !ZUuid.safeParse(data.person).success) throw invalid('person');
      return { ...(base as { stepId: string; version: number }), kind, comment: data.comment ?? '', returnToId: trimmed(data.person) };
    }
    case 'sendVidere': {
      if (!ZUuid.safeParse(data.person).success) throw invalid('person');
      return { ...(base as { stepId: string; version: number }), kind, nextApproverId: data.person!, merknad: trimmed(data.merknad) };
    }
    case 'feilEnhet':
    case 'feilSaksbehandler':
    case 'journalfor':
    case 'offentlig':
      return { ...(base as { entryId: string; version: number }), kind };
    case 'kvitter':
      return { ...(base as { decisionId: string; version: number }), kind };
    case 'godkjent':
      return { ...(base as { stepId: string; version: number }), kind };
  }
}

function dateOf(data: CardData): string {
  const date = data.date?.trim() ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw invalid('date');
  return date;
}
