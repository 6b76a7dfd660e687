import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { absenceCard, ABSENCE_VERBS, formatDay, formatPeriod, type AbsenceCardView, type AbsenceNotice } from '../../cards/absence-card.js';
import { listAbsences } from '../../domain/absence/list-absences.js';
import { checkAbsenceRange, parseAbsence, type AbsenceParseProblem } from '../../domain/absence/parse-absence.js';
import { registerAbsence } from '../../domain/absence/register-absence.js';
import { removeAbsence, type RemoveAbsenceTarget } from '../../domain/absence/remove-absence.js';
import { localDateOf, type LocalDate } from '../../domain/calendar/working-days.js';
import { isAppError, AppErrorCode } from '../../domain/errors.js';
import { commandWithArgumentsPattern, commandWord, COMMANDS } from '../../domain/help/commands.js';
import { getOrganisationSettings } from '../../domain/org/organisation-settings.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';

/** Card data is untrusted: an id of the right form, or two days; the domain checks the rest. */
const ZRemove = z.object({ absenceId: z.string().uuid() });
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ZRegister = z.object({ from: ZDay, to: ZDay });

/** `fravær slett …` in any of the languages (nynorsk says «slett» too). */
const REMOVE = /^(?:slett|fjern|delete|remove)(?:\s+([\s\S]*))?$/i;
const EXAMPLE_DATES = '23.12–2.1';

/**
 * `fravær` (nn `fråvær`, en `away`) in the 1:1 chat: with dates it registers an absence, alone it
 * shows the person's absences with «Slett» on each and a form, and `fravær slett <dato>` deletes
 * the absence that has that day (`fravær slett` alone asks which).
 */
export function registerAbsenceRoutes(app: Application, deps: BotDeps): void {
  const pattern = commandWithArgumentsPattern(COMMANDS.fravaer);

  app.message(pattern, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return void (await context.sendActivity(refused));
    const argument = pattern.exec(context.activity.text ?? '')?.[1]?.trim() ?? '';
    const answer = await answerTyped(caller, deps, argument);
    await context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });
  });

  app.adaptiveCards.actionExecute(ABSENCE_VERBS.show, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    return refusal(context, caller) ?? showCard(caller, deps, {});
  });

  app.adaptiveCards.actionExecute(ABSENCE_VERBS.register, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return refused;
    const parsed = ZRegister.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    const today = await todayOf(deps);
    const checked = checkAbsenceRange(parsed.data.from, parsed.data.to, today);
    if (!checked.ok) return showCard(caller, deps, { notice: { kind: 'problem', text: problemText(checked.problem, caller) } });
    return register(caller, deps, checked);
  });

  app.adaptiveCards.actionExecute(ABSENCE_VERBS.remove, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return refused;
    const parsed = ZRemove.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    return remove(caller, deps, { absenceId: parsed.data.absenceId }, { kind: 'alreadyRemoved' });
  });
}

/** Absence is registered in the 1:1 chat by someone the organisation knows (`members`). */
function refusal(context: TurnContext, caller: Caller): string | undefined {
  if (commandScopeOf(context) !== 'personal') return caller.t('absence.personalOnly', { command: commandWord('fravaer', caller.locale) });
  if (!caller.person || !caller.aadObjectId) return caller.t('error.unknownPerson');
  return undefined;
}

async function answerTyped(caller: Caller, deps: BotDeps, argument: string) {
  if (argument === '') return showCard(caller, deps, {});
  const today = await todayOf(deps);
  const removal = REMOVE.exec(argument);
  if (removal) {
    const days = removal[1]?.trim() ?? '';
    if (days === '') return showCard(caller, deps, { notice: { kind: 'chooseToRemove' } });
    const parsed = parseAbsence(days, today);
    if (!parsed.ok) return problemText(parsed.problem, caller);
    const target = { from: parsed.from, to: parsed.to };
    return remove(caller, deps, target, { kind: 'problem', text: caller.t('absence.nothingToRemove', { period: formatPeriod(target, caller.locale) }) });
  }
  const parsed = parseAbsence(argument, today);
  if (!parsed.ok) return problemText(parsed.problem, caller);
  return register(caller, deps, parsed);
}

async function register(caller: Caller, deps: BotDeps, period: { from: LocalDate; to: LocalDate }) {
  const today = await todayOf(deps);
  const result = await registerAbsence(deps.prisma, { aadObjectId: caller.aadObjectId!, ...period, today });
  const notice: AbsenceNotice = result.unchanged
    ? { kind: 'unchanged', ...result.absence }
    : { kind: 'registered', merged: result.merged.length > 0, ...result.absence };
  const { postAddress } = await getOrganisationSettings(deps.prisma);
  return showCard(caller, deps, { notice, reminder: { postAddress } });
}

/** Deletes, or says what `missing` says when there was nothing (a second click, a day without absence). */
async function remove(caller: Caller, deps: BotDeps, target: RemoveAbsenceTarget, missing: AbsenceNotice) {
  try {
    const removed = await removeAbsence(deps.prisma, { aadObjectId: caller.aadObjectId!, ...target });
    return await showCard(caller, deps, { notice: { kind: 'removed', removed } });
  } catch (error) {
    if (isAppError(error) && error.code === AppErrorCode.NOT_FOUND) return showCard(caller, deps, { notice: missing });
    throw error;
  }
}

async function showCard(caller: Caller, deps: BotDeps, extra: Pick<AbsenceCardView, 'notice' | 'reminder'>) {
  const today = await todayOf(deps);
  const absences = await listAbsences(deps.prisma, { aadObjectId: caller.aadObjectId!, today });
  const word = commandWord('fravaer', caller.locale);
  return absenceCard(
    { absences, locale: caller.locale, today, example: `${word} ${EXAMPLE_DATES}`, removeExample: `${word} ${caller.locale === 'en' ? 'delete' : 'slett'}`, ...extra },
    caller.t,
  );
}

/** Today in the organisation's zone: an absence is whole days there. */
async function todayOf(deps: BotDeps): Promise<LocalDate> {
  const { timeZone } = await getOrganisationSettings(deps.prisma);
  return localDateOf(deps.now(), timeZone);
}

function problemText(problem: AbsenceParseProblem, caller: Caller): string {
  const { t, locale } = caller;
  const example = `${commandWord('fravaer', locale)} ${EXAMPLE_DATES}`;
  switch (problem.code) {
    case 'empty':
      return t('absence.problem.empty', { example });
    case 'notADate':
      return t('absence.problem.notADate', { text: problem.text, example });
    case 'noSuchDate':
      return t('absence.problem.noSuchDate', { text: problem.text });
    case 'endBeforeStart':
      return t('absence.problem.endBeforeStart', { from: formatDay(problem.from, locale), to: formatDay(problem.to, locale) });
    case 'past':
      return t('absence.problem.past', { to: formatDay(problem.to, locale) });
    case 'tooLong':
      return t('absence.problem.tooLong', { days: problem.days });
  }
}
