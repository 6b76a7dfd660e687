import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type DbClient, sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';

const ZAddress = z.string().trim().email();

/** An e-mail to send. Addresses are checked here: a wrong one is a bug of the caller, not a retry. */
export const ZEnqueueEmail = z.object({
  from: ZAddress,
  to: z.array(ZAddress).min(1),
  cc: z.array(ZAddress).default([]),
  replyTo: ZAddress.optional(),
  // A header is one line: a line break in a subject would start a header of its own.
  subject: z
    .string()
    .min(1)
    .max(500)
    .transform((subject) => subject.replace(/[\r\n]+/g, ' ')),
  text: z.string().min(1).max(100_000),
  /** The same key twice stores one e-mail (e.g. `it:<henvendelse>:<event>`). */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type EnqueueEmailInput = z.input<typeof ZEnqueueEmail>;

export interface EnqueuedEmail {
  id: bigint;
  messageId: string;
  /** False when an e-mail with the same idempotency key was there already. */
  created: boolean;
}

/**
 * Puts an e-mail in the e-mail outbox. Call it inside the transaction of the change it reports
 * (the hand-over to IT), so both are committed or neither. Its Message-ID is chosen now, from a
 * random id and the sender's domain: if a crash makes the worker send it twice, the receiving
 * side sees the same Message-ID both times.
 */
export async function enqueueEmail(db: DbClient, input: EnqueueEmailInput): Promise<EnqueuedEmail> {
  const parsed = ZEnqueueEmail.safeParse(input);
  if (!parsed.success) {
    throw new AppError(AppErrorCode.INVALID_INPUT, { message: `not an e-mail that can be sent: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}` });
  }
  const mail = parsed.data;
  const messageId = `<arkivlos.${randomUUID()}@${mail.from.split('@')[1]}>`;
  const inserted = await sql(db).rows<{ id: bigint; message_id: string }>`
    INSERT INTO email_outbox (idempotency_key, message_id, from_address, to_addresses, cc_addresses, reply_to, subject, text, updated_at)
    VALUES (${mail.idempotencyKey ?? null}, ${messageId}, ${mail.from}, ${mail.to}::text[], ${mail.cc}::text[], ${mail.replyTo ?? null},
            ${mail.subject}, ${mail.text}, now())
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id, message_id`;
  if (inserted[0]) {
    // Wakes the e-mail workers of every instance instead of at their next poll.
    await sql(db).run`SELECT pg_notify(${EMAIL_CHANNEL}, '')`;
    return { id: inserted[0].id, messageId: inserted[0].message_id, created: true };
  }
  const existing = await db.emailOutbox.findUniqueOrThrow({ where: { idempotencyKey: mail.idempotencyKey! }, select: { id: true, messageId: true } });
  return { ...existing, created: false };
}

/** The NOTIFY channel the e-mail workers listen on. */
export const EMAIL_CHANNEL = 'arkivlos_email';
