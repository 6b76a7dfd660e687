import { type DbClient, sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { FileLinks } from './file-links.js';
import { recordEvent } from './record-event.js';

/** Where a kept file came from: the requester's 1:1 chat, or the Teams message a message action was used on. */
export type AttachmentSource = 'chat' | 'message_action';

/** A file as the bot received it, before it is kept. */
export interface IncomingFile {
  name: string;
  contentType: string;
  /** Teams' link to the file; null when only downloaded bytes are kept. */
  link: string | null;
  /** The bytes of a downloaded image (already checked against the size limit by the caller). */
  content: Uint8Array | null;
  sizeBytes: number | null;
}

export interface KeepAttachmentsOptions {
  requestId: string;
  /** Who added them: the requester in their chat, or the person who used the message action. */
  actor: { personId: string; aadObjectId: string };
  files: readonly IncomingFile[];
  source: AttachmentSource;
  now: Date;
  /** Links to kept images for the channel thread; without it the thread names the files only. */
  fileLinks?: FileLinks;
}

export const ATTACHMENT_NAME_LIMIT = 255;

/**
 * Keeps files on a henvendelse, in the caller's transaction: one row per file and one
 * `file_added` event naming them (so the history and the channel thread tell it). The row is
 * locked first, so a file sent while support acts waits for that action and lands on the
 * version it left. The caller has checked that the actor may add files to this henvendelse.
 */
export async function keepAttachments(tx: DbClient, options: KeepAttachmentsOptions): Promise<{ attachmentIds: string[]; eventId: bigint }> {
  if (options.files.length === 0) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'no files to keep' });
  await sql(tx).rows`SELECT id FROM support_request WHERE id = ${options.requestId}::uuid FOR UPDATE`;
  const request = await tx.supportRequest.findUnique({ where: { id: options.requestId }, select: { version: true } });
  if (!request) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${options.requestId} does not exist` });
  const attachmentIds: string[] = [];
  for (const file of options.files) {
    const { id } = await tx.supportAttachment.create({
      data: {
        requestId: options.requestId,
        name: file.name.slice(0, ATTACHMENT_NAME_LIMIT),
        contentType: file.contentType,
        link: file.link,
        content: file.content === null ? null : Buffer.from(file.content),
        sizeBytes: file.sizeBytes,
        source: options.source,
        addedById: options.actor.personId,
        createdAt: options.now,
      },
      select: { id: true },
    });
    attachmentIds.push(id);
  }
  const { eventId } = await recordEvent(tx, {
    requestId: options.requestId,
    expectedVersion: request.version,
    actor: options.actor,
    kind: 'file_added',
    text: options.files.map((file) => file.name.slice(0, ATTACHMENT_NAME_LIMIT)).join('\n'),
    data: { attachmentIds, source: options.source },
    now: options.now,
    fileLinks: options.fileLinks,
  });
  return { attachmentIds, eventId };
}
