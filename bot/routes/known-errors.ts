import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { KNOWN_ERROR_INPUTS, KNOWN_ERRORS_VERBS, knownErrorsCard, statusInput, type KnownErrorsNotice } from '../../cards/known-errors-card.js';
import { AppErrorCode, isAppError } from '../../domain/errors.js';
import { commandPattern, COMMANDS, mayUseCommand } from '../../domain/help/commands.js';
import { changeKnownErrorStatus } from '../../domain/known-errors/change-known-error-status.js';
import { createKnownError } from '../../domain/known-errors/create-known-error.js';
import { knownErrorTitle, listKnownErrors } from '../../domain/known-errors/list-known-errors.js';
import { KNOWN_ERROR_STATUSES } from '../../domain/known-errors/vocabulary.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { errorMessageKey } from '../errors.js';
import { commandScopeOf } from './help.js';

/** Card data is untrusted: ids, the version the card showed, and the forms' texts as Teams sends them. */
const ZCreate = z.object({ [KNOWN_ERROR_INPUTS.title]: z.string().max(10_000).optional(), [KNOWN_ERROR_INPUTS.description]: z.string().max(10_000).optional() });
const ZChange = z.object({ knownErrorId: z.string().uuid(), version: z.number().int().nonnegative() });
const ZStatus = z.enum(KNOWN_ERROR_STATUSES);
const ZReference = z.string().max(10_000).optional();

/**
 * `kjente feil` (nn `kjende feil`, en `known errors`) in the 1:1 chat: the known-error register
 * (PRODUCT.md §4) for the roles of its row in the command table. «Ny kjent feil» registers one;
 * «Endre status» changes status and vendor reference («meldt til leverandør» needs one), and
 * «rettet» tells everyone who reported or voted for a linked report (the domain does, through the
 * outbox). Every action answers with the register as it is now and a ✔ or ⚠ line.
 */
export function registerKnownErrors(app: Application, deps: BotDeps): void {
  app.message(commandPattern(COMMANDS.kjenteFeil), async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return void (await context.sendActivity(refused));
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await showCard(caller, deps))] });
  });

  app.adaptiveCards.actionExecute(KNOWN_ERRORS_VERBS.show, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    return refusal(context, caller) ?? showCard(caller, deps);
  });

  app.adaptiveCards.actionExecute(KNOWN_ERRORS_VERBS.create, async (context, _state, raw) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return refused;
    const parsed = ZCreate.safeParse(raw);
    if (!parsed.success) return caller.t('error.invalidData');
    const title = parsed.data[KNOWN_ERROR_INPUTS.title] ?? '';
    return withRuleNotice(caller, deps, async () => {
      await createKnownError(deps.prisma, { title, description: parsed.data[KNOWN_ERROR_INPUTS.description] ?? '', actor: actorOf(caller), now: deps.now() });
      return { kind: 'created', title: title.trim() };
    });
  });

  app.adaptiveCards.actionExecute(KNOWN_ERRORS_VERBS.changeStatus, async (context, _state, raw) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return refused;
    const parsed = ZChange.safeParse(raw);
    const fields = raw as Record<string, unknown>;
    const status = parsed.success ? ZStatus.safeParse(fields[statusInput('status', parsed.data.knownErrorId)]) : undefined;
    const reference = parsed.success ? ZReference.safeParse(fields[statusInput('vendorReference', parsed.data.knownErrorId)]) : undefined;
    if (!parsed.success || !status?.success || !reference?.success) return caller.t('error.invalidData');
    return withRuleNotice(caller, deps, async () => {
      const { told } = await changeKnownErrorStatus(deps.prisma, {
        knownErrorId: parsed.data.knownErrorId,
        expectedVersion: parsed.data.version,
        status: status.data,
        vendorReference: reference.data ?? null,
        actor: actorOf(caller),
        now: deps.now(),
      });
      const title = await knownErrorTitle(deps.prisma, parsed.data.knownErrorId);
      return { kind: 'status', title, status: status.data, told };
    });
  });
}

/** The register is for the roles of `kjente feil`, in the 1:1 chat, by someone the organisation knows. */
function refusal(context: TurnContext, caller: Caller): string | undefined {
  if (!caller.person || !caller.aadObjectId) return caller.t('error.unknownPerson');
  if (commandScopeOf(context) !== 'personal') return caller.t('knownErrors.personalOnly');
  if (!mayUseCommand(COMMANDS.kjenteFeil, caller.person.roles.map((holding) => holding.role))) return caller.t('knownErrors.forbidden');
  return undefined;
}

const actorOf = (caller: Caller): QaActor => ({ personId: caller.person!.id, aadObjectId: caller.aadObjectId! });

/** Acts; the register with a ✔ line, or with the ⚠ sentence of the rule that refused (nothing changed). */
async function withRuleNotice(caller: Caller, deps: BotDeps, act: () => Promise<KnownErrorsNotice>) {
  let notice: KnownErrorsNotice;
  try {
    notice = await act();
  } catch (error) {
    if (!isAppError(error) || error.code === AppErrorCode.NOT_FOUND || error.code === AppErrorCode.FORBIDDEN) throw error;
    notice = error.code === AppErrorCode.STALE ? { kind: 'stale' } : { kind: 'problem', text: caller.t(errorMessageKey(error)) };
  }
  return showCard(caller, deps, notice);
}

async function showCard(caller: Caller, deps: BotDeps, notice?: KnownErrorsNotice) {
  return knownErrorsCard({ ...(await listKnownErrors(deps.prisma)), ...(notice && { notice }) }, caller.t);
}
