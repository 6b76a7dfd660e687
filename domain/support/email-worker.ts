import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { type DbClient, type PrismaClient, sql } from '../db.js';
import { MailSendError, type Mailer } from './mail.js';

export interface ClaimedEmail {
  id: bigint;
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  /** Claims so far, this one included: a crash in the middle of a send counts as an attempt too. */
  attempts: number;
}

/**
 * Claims due e-mails for this instance: waiting ones whose time has come, and ones another
 * instance claimed but did not finish within its lease (it died). `FOR UPDATE SKIP LOCKED`: every
 * instance claims at once without taking the same e-mail.
 */
export async function claimDueEmails(db: DbClient, options: { instance: string; limit: number; leaseMs: number }): Promise<ClaimedEmail[]> {
  const rows = await sql(db).rows<
    {
      id: bigint;
      message_id: string;
      from_address: string;
      to_addresses: string[];
      cc_addresses: string[];
      reply_to: string | null;
      subject: string;
      text: string;
      attempts: number;
    }>`
    WITH due AS (
      SELECT id FROM email_outbox
       WHERE (state = 'waiting' AND next_attempt_at <= now()) OR (state = 'sending' AND locked_until < now())
       ORDER BY next_attempt_at, id
       LIMIT ${options.limit}
         FOR UPDATE SKIP LOCKED
    )
    UPDATE email_outbox e
       SET state = 'sending', attempts = e.attempts + 1, locked_by = ${options.instance},
           locked_until = now() + ${options.leaseMs} * interval '1 millisecond', updated_at = now()
      FROM due
     WHERE e.id = due.id
    RETURNING e.id, e.message_id, e.from_address, e.to_addresses, e.cc_addresses, e.reply_to, e.subject, e.text, e.attempts`;
  return rows
    .map((row) => ({
      id: row.id,
      messageId: row.message_id,
      from: row.from_address,
      to: row.to_addresses,
      cc: row.cc_addresses,
      replyTo: row.reply_to,
      subject: row.subject,
      text: row.text,
      attempts: row.attempts,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Renews this instance's claim for one more lease; false when it no longer holds it (taken over). */
async function holdClaim(db: DbClient, id: bigint, instance: string, leaseMs: number): Promise<boolean> {
  const renewed = await sql(db).run`
    UPDATE email_outbox SET locked_until = now() + ${leaseMs} * interval '1 millisecond'
     WHERE id = ${id} AND locked_by = ${instance} AND state = 'sending' AND locked_until > now()`;
  return renewed === 1;
}

/** Each write holds only while this instance still owns the claim: after a take-over, a late instance changes nothing. */
const owned = (id: bigint, instance: string) => ({ id, lockedBy: instance, state: 'sending' as const });
const unlocked = { lockedBy: null, lockedUntil: null };

/** Capped exponential backoff with jitter: about 30 s, 1 min, 2 min … at most an hour. */
export function emailRetryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base / 2 + (random() * base) / 2);
}

export type EmailEvent = { type: 'sent' | 'retried' | 'failed' | 'lost'; emailId: bigint; code?: string };

export interface EmailWorkerOptions {
  /** How long a claim holds; the mailer's own timeout must be well under it. */
  leaseMs?: number;
  /** How often an idle worker looks for due e-mails (a NOTIFY from enqueueEmail wakes it sooner). */
  pollMs?: number;
  /** E-mails claimed at a time. */
  batch?: number;
  /** After this many attempts a passing failure fails the e-mail for good. */
  maxAttempts?: number;
  retryDelayMs?: (attempt: number) => number;
  /** What became of each e-mail: ids and codes, for logs and metrics (never an address or text). */
  onEvent?: (event: EmailEvent) => void;
  /** Something went wrong outside the SMTP server's answers (the database, a bug). */
  onError?: (error: unknown, emailId?: bigint) => void;
}

export interface EmailWorker {
  instance: string;
  wake(): void;
  /** Stops claiming, finishes the e-mail in hand, hands the rest of its claims back. */
  stop(): Promise<void>;
}

/**
 * The loop every instance runs when an SMTP server is configured: claims due e-mails, sends each
 * with the Message-ID chosen at enqueue, and records the result. An e-mail is claimed by one
 * instance at a time, and its result written only while that claim holds; a claim whose instance
 * died is taken over when its lease runs out. So an e-mail is sent once, except that one whose
 * instance died after the SMTP server took it but before the result was written is sent again,
 * with the same Message-ID (SMTP has no idempotency key; a mail system recognises the repeat).
 * Passing failures (4xx, a connection that failed or timed out) are retried with backoff; a 5xx
 * answer fails the e-mail with the server's reason.
 */
export function startEmailWorker(
  deps: { prisma: PrismaClient; mailer: Mailer; instance?: string },
  options: EmailWorkerOptions = {},
): EmailWorker {
  const instance = deps.instance ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const { prisma, mailer } = deps;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 5_000;
  const batch = options.batch ?? 5;
  const maxAttempts = options.maxAttempts ?? 10;
  const retryDelay = options.retryDelayMs ?? ((attempt: number) => emailRetryDelay(attempt));
  let running = true;
  let wakeUp: (() => void) | undefined;
  const wake = () => wakeUp?.();

  const deliver = async (email: ClaimedEmail): Promise<void> => {
    if (!(await holdClaim(prisma, email.id, instance, leaseMs))) return options.onEvent?.({ type: 'lost', emailId: email.id });
    try {
      const sent = await mailer.send({
        from: email.from,
        to: email.to,
        cc: email.cc,
        replyTo: email.replyTo ?? undefined,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
      });
      // Some recipients refused while others took it: sent, with a note of how many were refused.
      const note = sent.rejected.length ? `sent, but refused for ${sent.rejected.length} of ${email.to.length + email.cc.length} recipients` : null;
      await prisma.emailOutbox.updateMany({ where: owned(email.id, instance), data: { state: 'sent', sentAt: new Date(), lastError: note, ...unlocked } });
      options.onEvent?.({ type: 'sent', emailId: email.id });
    } catch (error) {
      const failure = error instanceof MailSendError ? error : new MailSendError(false, `unexpected: ${String(error)}`, 'unexpected', { cause: error });
      if (failure.permanent || email.attempts >= maxAttempts) {
        const reason = failure.permanent ? failure.reason : `gave up after ${email.attempts} attempts: ${failure.reason}`;
        await prisma.emailOutbox.updateMany({ where: owned(email.id, instance), data: { state: 'failed', lastError: reason, ...unlocked } });
        options.onEvent?.({ type: 'failed', emailId: email.id, code: failure.code });
      } else {
        await prisma.emailOutbox.updateMany({
          where: owned(email.id, instance),
          data: { state: 'waiting', lastError: failure.reason, nextAttemptAt: new Date(Date.now() + retryDelay(email.attempts)), ...unlocked },
        });
        options.onEvent?.({ type: 'retried', emailId: email.id, code: failure.code });
      }
    }
  };

  const loop = (async () => {
    while (running) {
      let claimed: ClaimedEmail[] = [];
      try {
        claimed = await claimDueEmails(prisma, { instance, limit: batch, leaseMs });
      } catch (error) {
        options.onError?.(error);
      }
      for (const [index, email] of claimed.entries()) {
        if (!running) {
          // Stopping: what is not sent yet goes back for any instance to take at once.
          const rest = claimed.slice(index).map((left) => left.id);
          await prisma.emailOutbox
            .updateMany({ where: { id: { in: rest }, lockedBy: instance, state: 'sending' }, data: { state: 'waiting', attempts: { decrement: 1 }, ...unlocked } })
            .catch((error: unknown) => options.onError?.(error));
          break;
        }
        await deliver(email).catch((error: unknown) => options.onError?.(error, email.id));
      }
      if (claimed.length === batch) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  })();

  return {
    instance,
    wake,
    async stop() {
      running = false;
      wake();
      await loop;
    },
  };
}
