import { writeAudit } from '../audit.js';
import { Prisma, type DbClient, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { refuseIntakeDuringRollout } from '../rollout/current-rollout.js';
import { postChannelCard } from './channel-cards.js';
import { parseIntake, type IntakeProblem } from './intake.js';
import { keepAttachments, type IncomingFile } from './keep-attachments.js';
import { osloYear, takeRequestNumber } from './request-number.js';
import { INTAKE_CATEGORIES, requestSource, type RequestSummary, type SupportCategory } from './vocabulary.js';

export interface SubmitRequestOptions {
  /** The person asking for help, as the caller's identity found them (never from card data). */
  requester: { id: string; aadObjectId: string };
  /** What the intake card sent, unparsed. */
  data: unknown;
  now: Date;
  /** A message action: the Teams message the henvendelse is made from (domain/support/submit-from-message.ts). */
  origin?: RequestOrigin;
}

/** The Teams message behind a henvendelse made with a message action, as stored with it. */
export interface RequestOrigin {
  messageId: string | null;
  author: string | null;
  link: string | null;
  /** The message's files, kept on the henvendelse in the same transaction («Send til journalføring»). */
  files: readonly IncomingFile[];
  /** The categories this action may set (the intake card's, or only `journalforing`). */
  categories: readonly [SupportCategory, ...SupportCategory[]];
}

/** A henvendelse as its requester's confirmation shows it. */
export interface SubmittedRequest extends RequestSummary {
  version: number;
  createdAt: Date;
}

export type SubmitRequestResult =
  /** `existing`: the same card was submitted before (a double click, Teams retrying): nothing changed. */
  | { outcome: 'created' | 'existing'; request: SubmittedRequest }
  /** Nothing was stored; the person can correct these fields. */
  | { outcome: 'invalid'; problems: IntakeProblem[] };

const SUBMITTED = {
  id: true,
  number: true,
  status: true,
  category: true,
  urgency: true,
  reference: true,
  what: true,
  version: true,
  createdAt: true,
  subjectArea: { select: { name: true } },
  sourceMessageId: true,
  sourceMessageAuthor: true,
  sourceMessageLink: true,
} as const;

type Row = Prisma.SupportRequestGetPayload<{ select: typeof SUBMITTED }>;
const toSubmitted = ({ subjectArea, sourceMessageId, sourceMessageAuthor, sourceMessageLink, ...row }: Row): SubmittedRequest => ({
  ...row,
  subjectArea: subjectArea?.name ?? null,
  source: requestSource({ sourceMessageId, sourceMessageAuthor, sourceMessageLink }),
});

/**
 * Stores a new henvendelse with the next number of the year, in the first line, with its
 * `created` event and an audit entry, all in one transaction. The card's intake key makes it
 * idempotent: a second submit of the same card, even at the same instant, returns the first.
 * The confirmation is the answer to the submit itself; the card for the first line's queue
 * channel, if one is bound, goes through the outbox in the same transaction. During a rollout
 * (domain/rollout/) it refuses with ROLLOUT_SUPPORT_IN_QA and stores nothing.
 */
export async function submitRequest(prisma: PrismaClient, options: SubmitRequestOptions): Promise<SubmitRequestResult> {
  const { origin } = options;
  // During a rollout support is given in the spørretimer: no henvendelse, whatever the card says.
  await refuseIntakeDuringRollout(prisma, options.now);
  const parsed = parseIntake(options.data, origin?.categories ?? INTAKE_CATEGORIES);
  if (!parsed.ok) {
    if (parsed.brokenCard) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'the intake card carried no valid intake key' });
    return { outcome: 'invalid', problems: parsed.problems };
  }
  const input = parsed.value;
  const { requester, now } = options;

  const existing = await findByIntakeKey(prisma, requester.id, input.intakeKey);
  if (existing) return { outcome: 'existing', request: existing };
  if (input.selfHelpQueryId) {
    // Card data is never trusted: only the requester's own self-help search is carried on.
    const own = await prisma.selfHelpQuery.count({ where: { id: input.selfHelpQueryId, aadObjectId: requester.aadObjectId } });
    if (!own) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'the intake card carried a self-help search that is not the requester’s' });
  }
  if (input.subjectAreaId) {
    const known = await prisma.subjectArea.count({ where: { id: input.subjectAreaId, active: true } });
    if (!known) return { outcome: 'invalid', problems: [{ field: 'subjectAreaId', problem: 'unknown' }] };
  }

  try {
    const created = await prisma.$transaction(async (tx) => {
      // Taken last before the insert: the counter row stays locked until this transaction commits.
      const { year, sequence, number } = await takeRequestNumber(tx, osloYear(now));
      const request = await tx.supportRequest.create({
        data: {
          number,
          year,
          sequence,
          requesterId: requester.id,
          what: input.what,
          who: input.who ?? null,
          result: input.result ?? null,
          category: input.category,
          subjectAreaId: input.subjectAreaId ?? null,
          reference: input.reference ?? null,
          urgency: input.urgency,
          intakeKey: input.intakeKey,
          selfHelpQueryId: input.selfHelpQueryId ?? null,
          sourceMessageId: origin?.messageId ?? null,
          sourceMessageAuthor: origin?.author ?? null,
          sourceMessageLink: origin?.link ?? null,
          createdAt: now,
          updatedAt: now,
        },
        select: SUBMITTED,
      });
      const event = await tx.supportEvent.create({
        data: {
          requestId: request.id,
          kind: 'created',
          actorId: requester.id,
          data: { category: input.category, urgency: input.urgency, line: 'forstelinje' },
          createdAt: now,
        },
        select: { id: true },
      });
      const posted = await postChannelCard(tx, request.id, { line: 'forstelinje', lineUnitId: null, lineSubjectAreaId: null });
      // After the channel card: keeping them is an event of its own, which its thread tells support.
      const kept = origin?.files.length
        ? await keepAttachments(tx, { requestId: request.id, actor: { personId: requester.id, aadObjectId: requester.aadObjectId }, files: origin.files, source: 'message_action', now })
        : null;
      await writeAudit(tx, {
        actor: requester.aadObjectId,
        action: 'support.request.submit',
        entity: 'support_request',
        entityId: request.id,
        after: {
          number,
          status: request.status,
          line: 'forstelinje',
          category: input.category,
          urgency: input.urgency,
          subjectAreaId: input.subjectAreaId ?? null,
          reference: input.reference ?? null,
          selfHelpQueryId: input.selfHelpQueryId ?? null,
          ...(origin ? { sourceMessageId: origin.messageId, sourceMessageLink: origin.link, attachmentIds: kept?.attachmentIds ?? [] } : {}),
          eventId: String(event.id),
          channelCardMessageId: posted ? String(posted.messageId) : null,
          channelConversationId: posted?.conversationId ?? null,
        },
      });
      // Keeping files raised the version: the answer carries the henvendelse as it is now.
      return kept ? tx.supportRequest.findUniqueOrThrow({ where: { id: request.id }, select: SUBMITTED }) : request;
    });
    return { outcome: 'created', request: toSubmitted(created) };
  } catch (error) {
    // The same card submitted at the same instant: the other transaction stored it first.
    if (isUniqueViolation(error)) {
      const first = await findByIntakeKey(prisma, requester.id, input.intakeKey);
      if (first) return { outcome: 'existing', request: first };
    }
    throw error;
  }
}

async function findByIntakeKey(db: DbClient, requesterId: string, intakeKey: string): Promise<SubmittedRequest | null> {
  const row = await db.supportRequest.findUnique({ where: { requesterId_intakeKey: { requesterId, intakeKey } }, select: SUBMITTED });
  return row ? toSubmitted(row) : null;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
