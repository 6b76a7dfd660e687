import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { INTAKE_LIMITS, parseIntake, type IntakeProblem } from './intake.js';
import { submitRequest, type SubmittedRequest } from './submit-request.js';
import { shorten, type TeamsMessage } from './teams-message.js';
import { INTAKE_CATEGORIES, type SupportCategory } from './vocabulary.js';

/**
 * The two message actions on a Teams message (the manifest's `composeExtensions` command ids):
 * «Opprett henvendelse» and «Send til journalføring».
 */
export const MESSAGE_ACTIONS = ['createRequest', 'sendToArchive'] as const;
export type MessageAction = (typeof MESSAGE_ACTIONS)[number];

/** The fields of a message action's form, in the form's order. */
export const MESSAGE_FORM_FIELDS = ['note', 'category', 'subjectAreaId', 'reference', 'urgency'] as const;
export type MessageFormField = (typeof MESSAGE_FORM_FIELDS)[number];
/** What the person wrote or chose, kept when the form comes back with problems. */
export type MessageFormValues = Partial<Record<MessageFormField, string>>;
export type MessageFormProblem =
  | { field: MessageFormField; problem: 'required' | 'format' | 'unknown' }
  | { field: MessageFormField; problem: 'tooLong'; max: number };

export const MESSAGE_FORM_LIMITS = { note: 1000 } as const;

/** The category each action may give: «Send til journalføring» always has its own. */
export const ACTION_CATEGORIES: Record<MessageAction, readonly [SupportCategory, ...SupportCategory[]]> = {
  createRequest: INTAKE_CATEGORIES,
  sendToArchive: ['journalforing'],
};
/** What «Opprett henvendelse» offers first: a message someone else wrote is most often a question. */
export const DEFAULT_MESSAGE_CATEGORY: SupportCategory = 'faglig_sporsmal';

export type SubmitFromMessageResult =
  | { outcome: 'created' | 'existing'; request: SubmittedRequest }
  | { outcome: 'invalid'; problems: MessageFormProblem[] };

export interface SubmitFromMessageOptions {
  requester: { id: string; aadObjectId: string };
  action: MessageAction;
  /** What the form sent, unparsed. */
  data: unknown;
  message: TeamsMessage;
  now: Date;
}

/**
 * «Hva skal utføres?» of a henvendelse made from a message: the person's note, then the message's
 * text (for a message with files and no text, the files' names), within the intake card's limit.
 */
export function composeWhat(note: string, message: TeamsMessage): string {
  const quoted = message.text || message.files.map((file) => file.name).join('\n');
  return shorten([note, quoted].filter((part) => part !== '').join('\n\n'), INTAKE_LIMITS.what);
}

const asText = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The intake's problems in the form's words: its «Hva skal utføres?» is made of the note. */
function formProblems(problems: readonly IntakeProblem[]): MessageFormProblem[] {
  return problems.flatMap((problem): MessageFormProblem[] => {
    const field = problem.field === 'what' ? 'note' : problem.field;
    if (!(MESSAGE_FORM_FIELDS as readonly string[]).includes(field)) return [];
    if (problem.problem === 'tooLong') return field === 'note' ? [{ field, problem: 'tooLong', max: MESSAGE_FORM_LIMITS.note }] : [{ field: field as MessageFormField, problem: 'tooLong', max: problem.max }];
    return [{ field: field as MessageFormField, problem: problem.problem }];
  });
}

/**
 * Makes a henvendelse of a Teams message through the intake's own path (submitRequest: the same
 * validation, number, idempotency by the form's key, channel card through the outbox), with the
 * message's author, link and id, and for «Send til journalføring» its files, in one transaction.
 * Database work only, so the answer is within Teams' 5 seconds.
 */
export async function submitFromMessage(prisma: PrismaClient, options: SubmitFromMessageOptions): Promise<SubmitFromMessageResult> {
  const { action, message } = options;
  const record = (typeof options.data === 'object' && options.data !== null ? options.data : {}) as Record<string, unknown>;
  const note = asText(record.note)?.trim() ?? '';
  const categories = ACTION_CATEGORIES[action];
  const intake = {
    what: composeWhat(note.slice(0, MESSAGE_FORM_LIMITS.note), message),
    category: action === 'sendToArchive' ? 'journalforing' : record.category,
    subjectAreaId: record.subjectAreaId,
    reference: record.reference,
    urgency: record.urgency,
    intakeKey: record.intakeKey,
  };
  if (note.length > MESSAGE_FORM_LIMITS.note) {
    const parsed = parseIntake(intake, categories);
    if (!parsed.ok && parsed.brokenCard) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'the message action form carried no valid key' });
    return { outcome: 'invalid', problems: [{ field: 'note', problem: 'tooLong', max: MESSAGE_FORM_LIMITS.note }, ...(parsed.ok ? [] : formProblems(parsed.problems))] };
  }
  const result = await submitRequest(prisma, {
    requester: options.requester,
    data: intake,
    now: options.now,
    origin: {
      messageId: message.id,
      author: message.author,
      link: message.link,
      files: action === 'sendToArchive' ? message.files : [],
      categories,
    },
  });
  return result.outcome === 'invalid' ? { outcome: 'invalid', problems: formProblems(result.problems) } : result;
}
