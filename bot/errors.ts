import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import { isAppError, type AppErrorCode } from '../domain/errors.js';
import { resolveLocale, translator, type MessageKey, type Translate } from '../i18n/index.js';
import { loadCaller, turnLogger } from './caller.js';
import type { BotDeps } from './deps.js';

/** The one place a domain error's code becomes what the person reads. */
const MESSAGE_FOR_CODE: Record<AppErrorCode, MessageKey> = {
  NOT_FOUND: 'error.notFound',
  INVALID_INPUT: 'error.invalidData',
  FORBIDDEN: 'error.forbidden',
  UNKNOWN_PERSON: 'error.unknownPerson',
  CONFLICT: 'error.conflict',
  STALE: 'error.conflict',
  ARCHIVE_NOT_BACKLOG: 'archive.error.notBacklog',
  ARCHIVE_REPLY_REQUIRED: 'archive.error.replyRequired',
  ARCHIVE_REPLY_INVALID: 'archive.error.replyInvalid',
  ARCHIVE_COMMENT_REQUIRED: 'archive.error.commentRequired',
  ARCHIVE_SCREENING_INCOMPLETE: 'archive.error.screeningIncomplete',
  ARCHIVE_MEIRINNSYN_REQUIRED: 'archive.error.meirinnsynRequired',
  ARCHIVE_CASEWORKER_NOT_IN_UNIT: 'archive.error.caseworkerNotInUnit',
  ARCHIVE_CASE_NOT_CLOSABLE: 'archive.error.caseNotClosable',
  ARCHIVE_WRONG_STATUS: 'archive.error.wrongStatus',
  ARCHIVE_ACCESS_UNDECIDED: 'archive.error.accessUndecided',
  ARCHIVE_NO_TOP_APPROVER: 'archive.error.noTopApprover',
  QA_SESSION_OVERLAP: 'qa.error.sessionOverlap',
  QA_INVALID_TIMES: 'qa.error.invalidTimes',
  QA_SESSION_CLOSED: 'qa.error.sessionClosed',
  QA_ANONYMOUS_NOT_ALLOWED: 'qa.error.anonymousNotAllowed',
  QA_OWN_QUESTION: 'qa.error.ownQuestion',
  QA_QUESTION_NOT_OPEN: 'qa.error.questionNotOpen',
  QA_ANSWER_REQUIRED: 'qa.error.answerRequired',
  QA_TEXT_LENGTH: 'qa.error.textLength',
  QA_NOT_ERROR_REPORT: 'qa.error.notErrorReport',
  KNOWN_ERROR_VENDOR_REFERENCE_REQUIRED: 'qa.error.vendorReferenceRequired',
  KB_NO_UNIT: 'kb.error.noUnit',
  KB_OTHER_UNIT: 'kb.error.otherUnit',
  KB_NOT_ANSWERED: 'kb.error.notAnswered',
  KB_LANGUAGE_TAKEN: 'kb.error.languageTaken',
  ROLLOUT_SUPPORT_IN_QA: 'rollout.card.intakeClosed',
};

/** What a person reads for a domain error (a card that shows it in place of an error banner). */
export function errorMessageKey(error: unknown): MessageKey {
  return isAppError(error) ? MESSAGE_FOR_CODE[error.code] : 'error.generic';
}

const CARD_ACTION = 'adaptiveCard/action';
/** A message action's dialog (fetchTask, submitAction): the sentence is shown in the dialog. */
const DIALOG_INVOKES: readonly string[] = ['composeExtension/fetchTask', 'composeExtension/submitAction'];

/**
 * `app.error`: every route, message or card action, that throws ends here, so routes need no
 * try/catch. A domain error is an answer (its sentence); anything else is a fault (an apology).
 * Neither carries the error's own message to the person.
 */
export function answerFailedTurn(deps: Pick<BotDeps, 'prisma' | 'logger'>) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const log = turnLogger(context, deps.logger);
    if (isAppError(error)) log.warn({ code: error.code }, 'turn refused by a domain rule');
    else log.error({ err: error }, 'turn failed');

    const { activity } = context;
    const isCardAction = activity.type === ActivityTypes.Invoke && activity.name === CARD_ACTION;
    const isDialog = activity.type === ActivityTypes.Invoke && DIALOG_INVOKES.includes(activity.name ?? '');
    if (activity.type !== ActivityTypes.Message && !isCardAction && !isDialog) return;
    const text = (await translate(context, deps))(errorMessageKey(error));

    if (isDialog) {
      if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { task: { type: 'message', value: text } } } });
      }
      return;
    }

    if (isCardAction) {
      // Without an invoke response botbuilder answers 501 and the card shows nothing.
      if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } },
        });
      }
      return;
    }
    try {
      await context.sendActivity(text);
    } catch (sendError) {
      log.error({ err: sendError }, 'could not send the apology either');
      // botbuilder would answer 500 with this error's own message (addresses, SQL, …).
      throw new Error('internal error', { cause: sendError });
    }
  };
}

/** The person's language; when the database is what failed, the Teams client's. */
async function translate(context: TurnContext, deps: Pick<BotDeps, 'prisma'>): Promise<Translate> {
  try {
    return (await loadCaller(context, deps.prisma)).t;
  } catch {
    return translator(resolveLocale({ teamsLocale: context.activity.locale }));
  }
}
