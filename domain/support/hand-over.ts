import type { DbClient, PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { enqueueEmail } from './enqueue-email.js';
import { directionOf, HANDOVER_REASON_LIMIT, IT_ANSWER_LIMIT, VENDOR_REFERENCE_LIMIT } from './hand-over-choices.js';
import { composeItEmail } from './it-email.js';
import { recordEvent } from './record-event.js';
import { locationOf, placeText, type RequestLocation } from './request-location.js';
import { lockForSupport, type SupportActor } from './take-request.js';
import { isOpen, SUPPORT_LINES, type SupportLine } from './vocabulary.js';

/** Where the e-mail to IT goes; null when SMTP_URL, SUPPORT_FROM_ADDRESS or IT_SUPPORT_ADDRESS is not set. */
export interface ItEmailSetup {
  from: string;
  to: string;
}

export interface HandOverOptions {
  requestId: string;
  expectedVersion: number;
  actor: SupportActor;
  /** From the card: untrusted. */
  target: unknown;
  /** For the specialists: the subject area chosen (the henvendelse's own when left out). Untrusted. */
  subjectAreaId?: unknown;
  reason: unknown;
  itEmail: ItEmailSetup | null;
  now: Date;
}

export type HandOverResult =
  | { outcome: 'handedOver' | 'samePlace'; place: RequestLocation }
  | { outcome: 'reasonMissing' | 'noAdviser' | 'noSubjectArea' | 'noVendorLiaison' | 'noSystemAdministrator' | 'emailNotConfigured' }
  | { outcome: 'reasonTooLong'; max: number }
  | { outcome: 'noSpecialist'; area: string };

type Refusal = Exclude<HandOverResult, { outcome: 'handedOver' | 'samePlace' }>;

/**
 * «Send videre» / «Send tilbake»: someone in the line that has the henvendelse hands it to
 * another line, with a reason (support's own: the requester is told where it went, not why).
 * The henvendelse loses its assignee and is «Under behandling» in the new line (at IT, «Hos IT»,
 * with the e-mail to IT enqueued in the same transaction). A target that has nobody to take it
 * is refused in words, and nothing changes.
 */
export async function handOverRequest(prisma: PrismaClient, options: HandOverOptions): Promise<HandOverResult> {
  const reason = typeof options.reason === 'string' ? options.reason.trim() : '';
  const target = SUPPORT_LINES.find((line) => line === options.target);
  if (!target) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `not a support line: ${String(options.target)}` });
  return prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (!reason) return { outcome: 'reasonMissing' as const };
    if (reason.length > HANDOVER_REASON_LIMIT) return { outcome: 'reasonTooLong' as const, max: HANDOVER_REASON_LIMIT };
    if (request.version !== options.expectedVersion || !isOpen(request.status) || request.line === 'it') {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} cannot be handed over from this card` });
    }
    if (target === 'it' && !options.itEmail) return { outcome: 'emailNotConfigured' as const };
    const scope = await targetScope(tx, { target, requestId: options.requestId, subjectAreaId: options.subjectAreaId });
    if ('outcome' in scope) return scope;
    const place = await locationOf(tx, scope);
    if (scope.line === request.line && scope.lineUnitId === request.lineUnitId && scope.lineSubjectAreaId === request.lineSubjectAreaId) {
      return { outcome: 'samePlace' as const, place };
    }

    const direction = directionOf(request.line, scope.line);
    const status = scope.line === 'it' ? ('hos_it' as const) : ('under_behandling' as const);
    const recorded = await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'handed_over',
      text: reason,
      data: {
        from: { line: request.line, unitId: request.lineUnitId, subjectAreaId: request.lineSubjectAreaId },
        to: { line: scope.line, unitId: scope.lineUnitId, subjectAreaId: scope.lineSubjectAreaId },
        direction,
      },
      changes: { ...scope, assigneeId: null, status },
      requesterNotice: (t) => t('handover.requester.moved', { place: placeText(place, t) }),
      threadLine: (t, actor) => t(`handover.thread.${direction}`, { place: placeText(place, t), actor }),
      now: options.now,
    });
    if (scope.line === 'it') await enqueueItEmail(tx, { requestId: options.requestId, eventId: recorded.eventId, reason, actorId: options.actor.id, setup: options.itEmail! });
    return { outcome: 'handedOver' as const, place };
  });
}

/** The line scope the target names, or why it cannot take the henvendelse. */
async function targetScope(
  tx: DbClient,
  input: { target: SupportLine; requestId: string; subjectAreaId: unknown },
): Promise<{ line: SupportLine; lineUnitId: string | null; lineSubjectAreaId: string | null } | Refusal> {
  const none = { lineUnitId: null, lineSubjectAreaId: null };
  switch (input.target) {
    case 'forstelinje':
    case 'it':
      return { line: input.target, ...none };
    case 'leverandor':
      return (await holders(tx, 'leverandorkontakt')) > 0 ? { line: 'leverandor', ...none } : { outcome: 'noVendorLiaison' };
    case 'systemadministrator':
      return (await holders(tx, 'systemadministrator')) > 0 ? { line: 'systemadministrator', ...none } : { outcome: 'noSystemAdministrator' };
    case 'prosessradgiver': {
      const unitId = await advisedUnitOfRequester(tx, input.requestId);
      return unitId ? { line: 'prosessradgiver', lineUnitId: unitId, lineSubjectAreaId: null } : { outcome: 'noAdviser' };
    }
    case 'fagspesialist': {
      const chosen = typeof input.subjectAreaId === 'string' && input.subjectAreaId !== '' ? input.subjectAreaId : null;
      const own = chosen ? null : (await tx.supportRequest.findUniqueOrThrow({ where: { id: input.requestId }, select: { subjectAreaId: true } })).subjectAreaId;
      const areaId = chosen ?? own;
      if (!areaId) return { outcome: 'noSubjectArea' };
      // Card data: an id that is no active subject area is refused like a forged one.
      const area = /^[0-9a-f-]{36}$/i.test(areaId) ? await tx.subjectArea.findFirst({ where: { id: areaId, active: true }, select: { id: true, name: true } }) : null;
      if (!area) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `not an active subject area: ${areaId}` });
      const specialists = await holders(tx, 'fagspesialist', { subjectAreaId: area.id });
      return specialists > 0 ? { line: 'fagspesialist', lineUnitId: null, lineSubjectAreaId: area.id } : { outcome: 'noSpecialist', area: area.name };
    }
  }
}

const holders = (tx: DbClient, role: 'leverandorkontakt' | 'systemadministrator' | 'fagspesialist' | 'prosessradgiver', where: { unitId?: string; subjectAreaId?: string } = {}) =>
  tx.roleAssignment.count({ where: { role, ...where, person: { active: true } } });

/** The requester's unit if a process adviser advises it, else the nearest unit above it that has one. */
async function advisedUnitOfRequester(tx: DbClient, requestId: string): Promise<string | null> {
  const { requesterId } = await tx.supportRequest.findUniqueOrThrow({ where: { id: requestId }, select: { requesterId: true } });
  const requester = await tx.person.findUniqueOrThrow({ where: { id: requesterId }, select: { unitId: true } });
  const seen = new Set<string>();
  for (let unitId = requester.unitId; unitId && !seen.has(unitId); ) {
    seen.add(unitId);
    if ((await holders(tx, 'prosessradgiver', { unitId })) > 0) return unitId;
    unitId = (await tx.unit.findUnique({ where: { id: unitId }, select: { parentId: true } }))?.parentId ?? null;
  }
  return null;
}

/**
 * The e-mail to IT, in the hand-over's transaction: from the archive's address to IT's, the
 * requester in copy, naming the person it concerns in full. One per hand-over event.
 */
async function enqueueItEmail(tx: DbClient, input: { requestId: string; eventId: bigint; reason: string; actorId: string; setup: ItEmailSetup }): Promise<void> {
  const request = await tx.supportRequest.findUniqueOrThrow({
    where: { id: input.requestId },
    select: { number: true, what: true, who: true, result: true, reference: true, requesterId: true },
  });
  const requester = await tx.person.findUniqueOrThrow({ where: { id: request.requesterId }, select: { name: true, email: true } });
  const actor = await tx.person.findUniqueOrThrow({ where: { id: input.actorId }, select: { unitId: true } });
  const unit = actor.unitId ? await tx.unit.findUnique({ where: { id: actor.unitId }, select: { name: true } }) : null;
  const mail = composeItEmail({
    number: request.number,
    requester,
    affectedPerson: requester,
    what: request.what,
    who: request.who,
    result: request.result,
    reference: request.reference,
    reason: input.reason,
    archiveName: unit?.name ?? 'Arkivet',
  });
  await enqueueEmail(tx, {
    from: input.setup.from,
    to: [input.setup.to],
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    idempotencyKey: `it:${input.requestId}:${input.eventId}`,
  });
}

export interface VendorReferenceOptions {
  requestId: string;
  expectedVersion: number;
  actor: SupportActor;
  reference: unknown;
  now: Date;
}

/**
 * «Meldt til leverandør»: a vendor liaison records (or changes) the vendor's reference; the
 * henvendelse is «Hos leverandør», and the requester is told with the reference.
 */
export async function recordVendorReference(
  prisma: PrismaClient,
  options: VendorReferenceOptions,
): Promise<{ outcome: 'recorded' | 'empty' } | { outcome: 'tooLong'; max: number }> {
  const reference = typeof options.reference === 'string' ? options.reference.replace(/\s+/g, ' ').trim() : '';
  return prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (!reference) return { outcome: 'empty' as const };
    if (reference.length > VENDOR_REFERENCE_LIMIT) return { outcome: 'tooLong' as const, max: VENDOR_REFERENCE_LIMIT };
    if (request.version !== options.expectedVersion || request.line !== 'leverandor' || !isOpen(request.status)) {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} takes no vendor reference from this card` });
    }
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'vendor_reference',
      data: { reference },
      changes: { vendorReference: reference, status: 'hos_leverandor' },
      requesterNotice: (t) => t('handover.requester.vendor', { reference }),
      threadLine: (t, actor) => t('handover.thread.vendorReference', { actor, reference }),
      now: options.now,
    });
    return { outcome: 'recorded' as const };
  });
}

export interface ItAnswerOptions {
  requestId: string;
  expectedVersion: number;
  actor: SupportActor;
  answer: unknown;
  now: Date;
}

/**
 * «Registrer svar fra IT»: the archive records what IT answered (support's own, like the
 * reason), and the henvendelse is back in the first line, «Under behandling»; the requester is
 * told that IT has answered.
 */
export async function recordItAnswer(prisma: PrismaClient, options: ItAnswerOptions): Promise<{ outcome: 'recorded' | 'empty' }> {
  const answer = typeof options.answer === 'string' ? options.answer.trim() : '';
  return prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (!answer) return { outcome: 'empty' as const };
    if (answer.length > IT_ANSWER_LIMIT) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `an answer of ${answer.length} characters (at most ${IT_ANSWER_LIMIT})` });
    if (request.version !== options.expectedVersion || request.line !== 'it' || request.status !== 'hos_it') {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} is not waiting for IT on this card` });
    }
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'it_answer',
      text: answer,
      data: { from: { line: 'it', unitId: null, subjectAreaId: null }, to: { line: 'forstelinje', unitId: null, subjectAreaId: null }, direction: 'down' },
      changes: { line: 'forstelinje', lineUnitId: null, lineSubjectAreaId: null, assigneeId: null, status: 'under_behandling' },
      requesterNotice: (t) => t('handover.requester.itAnswered'),
      threadLine: (t, actor) => t('handover.thread.itAnswer', { actor }),
      now: options.now,
    });
    return { outcome: 'recorded' as const };
  });
}
