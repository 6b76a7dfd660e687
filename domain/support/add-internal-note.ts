import { NOTE_LIMIT } from '../../cards/queue-request-card.js';
import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { recordEvent } from './record-event.js';
import { lockForSupport, type SupportActor } from './take-request.js';

export interface AddInternalNoteOptions {
  requestId: string;
  expectedVersion: number;
  actor: SupportActor;
  /** What the card's note field sent, unparsed. */
  text: unknown;
  now: Date;
}

export type AddInternalNoteResult = { outcome: 'noted' } | { outcome: 'empty' };

/** «Internt notat»: a note for support only; the requester never sees or hears of it. */
export async function addInternalNote(prisma: PrismaClient, options: AddInternalNoteOptions): Promise<AddInternalNoteResult> {
  const text = typeof options.text === 'string' ? options.text.trim() : '';
  return prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (!text) return { outcome: 'empty' as const };
    if (text.length > NOTE_LIMIT) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `a note of ${text.length} characters (at most ${NOTE_LIMIT})` });
    if (request.version !== options.expectedVersion) {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} is no longer at version ${options.expectedVersion}` });
    }
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'internal_note',
      text,
      internal: true,
      now: options.now,
    });
    return { outcome: 'noted' as const };
  });
}
