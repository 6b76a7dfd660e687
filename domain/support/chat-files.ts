import { randomUUID } from 'node:crypto';
import { type DbClient, type PrismaClient, sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { FileLinks } from './file-links.js';
import { ATTACHMENT_NAME_LIMIT, keepAttachments, type IncomingFile } from './keep-attachments.js';

/** How long files wait for the requester to choose their henvendelse. */
export const PENDING_UPLOAD_HOURS = 24;
/** Teams sends a handful of files at most in one message; more are not kept. */
export const FILES_PER_MESSAGE = 10;

export interface ChatRequester {
  id: string;
  aadObjectId: string;
}

/** A henvendelse as the requester picks it from a list. */
export interface RequestChoice {
  id: string;
  number: string;
  what: string;
}

export type KeepChatFilesResult =
  | { outcome: 'kept'; request: RequestChoice; attachmentIds: string[] }
  | { outcome: 'choose'; batchId: string; requests: RequestChoice[] }
  | { outcome: 'noneOpen' };

/**
 * Files belong to a henvendelse until it is closed: one that is resolved («Løst») still takes
 * them, since the requester may reopen it within 14 days and a file sent then is about it.
 */
async function requestsTakingFiles(db: DbClient, requesterId: string): Promise<RequestChoice[]> {
  return db.supportRequest.findMany({
    where: { requesterId, status: { not: 'lukket' } },
    orderBy: { sequence: 'desc' },
    select: { id: true, number: true, what: true },
  });
}

/**
 * Files the requester sent in their 1:1 chat: kept on their one open henvendelse; with several
 * open, kept aside (`support_pending_upload`) until they choose; with none, nothing is kept.
 */
export async function keepChatFiles(
  prisma: PrismaClient,
  options: { requester: ChatRequester; files: readonly IncomingFile[]; now: Date; fileLinks?: FileLinks },
): Promise<KeepChatFilesResult> {
  const files = options.files.slice(0, FILES_PER_MESSAGE);
  if (files.length === 0) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'no files to keep' });
  const requests = await requestsTakingFiles(prisma, options.requester.id);
  if (requests.length === 0) return { outcome: 'noneOpen' };
  if (requests.length === 1) {
    const request = requests[0]!;
    const attachmentIds = await prisma.$transaction(async (tx) => {
      // Closed by support since the list was read: then there is none to keep them on.
      const [row] = await sql(tx).rows<{ status: string }>`SELECT status::text FROM support_request WHERE id = ${request.id}::uuid FOR UPDATE`;
      if (!row || row.status === 'lukket') return null;
      const kept = await keepAttachments(tx, { requestId: request.id, actor: actorOf(options.requester), files, source: 'chat', now: options.now, fileLinks: options.fileLinks });
      return kept.attachmentIds;
    });
    return attachmentIds === null ? { outcome: 'noneOpen' } : { outcome: 'kept', request, attachmentIds };
  }
  const batchId = randomUUID();
  const expiresAt = new Date(options.now.getTime() + PENDING_UPLOAD_HOURS * 3600_000);
  await prisma.$transaction(async (tx) => {
    await tx.supportPendingUpload.deleteMany({ where: { expiresAt: { lt: options.now } } });
    await tx.supportPendingUpload.createMany({
      data: files.map((file) => ({
        batchId,
        personId: options.requester.id,
        name: file.name.slice(0, ATTACHMENT_NAME_LIMIT),
        contentType: file.contentType,
        link: file.link,
        content: file.content === null ? null : Buffer.from(file.content),
        sizeBytes: file.sizeBytes,
        expiresAt,
        createdAt: options.now,
      })),
    });
  });
  return { outcome: 'choose', batchId, requests };
}

export type KeepPendingFilesResult = { outcome: 'kept'; request: RequestChoice; names: string[] } | { outcome: 'gone' | 'closed' };

/**
 * The requester's choice on the «which henvendelse?» card. Both ids come from card data and are
 * checked here: the files must be the caller's own and still waiting, the henvendelse the
 * caller's own and not closed. Anything else changes nothing.
 */
export async function keepPendingFiles(
  prisma: PrismaClient,
  options: { requester: ChatRequester; batchId: string; requestId: string; now: Date; fileLinks?: FileLinks },
): Promise<KeepPendingFilesResult> {
  return prisma.$transaction(async (tx) => {
    const request = await tx.supportRequest.findUnique({ where: { id: options.requestId }, select: { id: true, number: true, what: true, requesterId: true, status: true } });
    if (!request) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${options.requestId} does not exist` });
    if (request.requesterId !== options.requester.id) {
      throw new AppError(AppErrorCode.FORBIDDEN, { message: `person ${options.requester.id} is not the requester of henvendelse ${options.requestId}` });
    }
    // Closed since the card was shown: the files wait on, for another choice.
    if (request.status === 'lukket') return { outcome: 'closed' as const };
    // Deleting first claims the files: of two clicks at once, the second finds none.
    const pending = await tx.supportPendingUpload.findMany({
      where: { batchId: options.batchId, personId: options.requester.id, expiresAt: { gte: options.now } },
      orderBy: { createdAt: 'asc' },
    });
    const { count } = await tx.supportPendingUpload.deleteMany({ where: { id: { in: pending.map((row) => row.id) } } });
    if (pending.length === 0 || count !== pending.length) return { outcome: 'gone' as const };
    const files: IncomingFile[] = pending.map((row) => ({
      name: row.name,
      contentType: row.contentType,
      link: row.link,
      content: row.content === null ? null : new Uint8Array(row.content),
      sizeBytes: row.sizeBytes,
    }));
    await keepAttachments(tx, { requestId: request.id, actor: actorOf(options.requester), files, source: 'chat', now: options.now, fileLinks: options.fileLinks });
    return { outcome: 'kept' as const, request: { id: request.id, number: request.number, what: request.what }, names: files.map((file) => file.name) };
  });
}

const actorOf = (requester: ChatRequester) => ({ personId: requester.id, aadObjectId: requester.aadObjectId });
