import { REPLY_LIMIT } from '../../cards/request-reply-card.js';
import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { timestampsFor } from './change-status.js';
import { channelTranslator } from './channel-card.js';
import { publishResolution } from './publish-resolution.js';
import { recordEvent } from './record-event.js';
import { lockForSupport, type SupportActor } from './take-request.js';
import { mayClose, mayResolve, mayWait } from './status-rules.js';
import type { SupportStatus } from './vocabulary.js';

export interface SupportStatusOptions {
  requestId: string;
  expectedVersion: number;
  actor: SupportActor;
  now: Date;
}

/** «Venter på innmelder»: the requester is told (recordEvent's status card) that it waits for them. */
export async function setWaitingForRequester(prisma: PrismaClient, options: SupportStatusOptions): Promise<void> {
  await changeStatus(prisma, options, mayWait, { kind: 'status_changed', status: 'venter_pa_innmelder' });
}

export interface ResolveRequestOptions extends SupportStatusOptions {
  text: unknown;
  /** «Publiser i kunnskapsbasen»: the resolution also becomes a knowledge-base article (publish-resolution.ts). */
  publish?: boolean;
  /** The archive system's name in the article's tag (category «Bruk av …»). */
  systemName?: string;
}

/**
 * «Løs» with the resolution: the requester's status card shows the resolution text. Published,
 * the article is made in the same transaction and the event keeps its id.
 */
export async function resolveRequest(prisma: PrismaClient, options: ResolveRequestOptions): Promise<{ outcome: 'resolved'; articleId: string | null } | { outcome: 'empty' }> {
  const text = typeof options.text === 'string' ? options.text.trim() : '';
  return prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (!text) return { outcome: 'empty' as const };
    if (text.length > REPLY_LIMIT) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `a resolution of ${text.length} characters (at most ${REPLY_LIMIT})` });
    if (request.version !== options.expectedVersion || !mayResolve(request.status)) throw stale(options);
    const t = channelTranslator();
    const article = options.publish
      ? await publishResolution(tx, { requestId: options.requestId, actor: options.actor, resolution: text, t, systemName: options.systemName ?? t('app.archiveSystem'), now: options.now })
      : null;
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'resolved',
      text,
      ...(article && { data: { articleId: article.articleId } }),
      changes: { status: 'lost', ...timestampsFor('lost', options.now) },
      now: options.now,
    });
    return { outcome: 'resolved' as const, articleId: article?.articleId ?? null };
  });
}

/** «Lukk»: support closes the henvendelse, resolved or not; the requester is told. */
export async function closeRequest(prisma: PrismaClient, options: SupportStatusOptions): Promise<void> {
  await changeStatus(prisma, options, mayClose, { kind: 'closed', status: 'lukket', data: { by: 'support' } });
}

/** A status action from the channel card: only from the statuses `may` allows, at the card's version. */
async function changeStatus(
  prisma: PrismaClient,
  options: SupportStatusOptions,
  may: (status: SupportStatus) => boolean,
  event: { kind: 'status_changed' | 'closed'; status: SupportStatus; data?: { by: string } },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (request.version !== options.expectedVersion || !may(request.status)) throw stale(options);
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: event.kind,
      ...(event.data && { data: event.data }),
      changes: { status: event.status, ...timestampsFor(event.status, options.now) },
      now: options.now,
    });
  });
}

const stale = (options: SupportStatusOptions) =>
  new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} cannot take this action from a card at version ${options.expectedVersion}` });
