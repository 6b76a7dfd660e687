import { type PrismaClient, sql } from '../db.js';
import type { JobContext, ScheduledJob } from '../jobs/scheduled-job.js';
import { recordEvent } from './record-event.js';
import { closingCutoff } from './resolution-window.js';

export interface AutoCloseOptions {
  now: Date;
  /** Called now and then on a long run, so the run's claim holds. */
  renewLease?: () => Promise<boolean>;
  /** A henvendelse that could not be closed: it is left for the next run, the others go on. */
  onError?: (error: unknown, requestId: string) => void;
}

/**
 * Closes henvendelser resolved at least 14 days ago that their requester neither confirmed nor
 * reopened: status «Lukket», a `closed` event by the system, the requester told (recordEvent).
 * Each is taken in its own transaction with `FOR UPDATE SKIP LOCKED` and changed with its
 * version, so two runs at once (a run taken over from a slow instance) close each henvendelse
 * once. Returns how many this run closed.
 */
export async function autoCloseRequests(prisma: PrismaClient, options: AutoCloseOptions): Promise<number> {
  const cutoff = closingCutoff(options.now);
  const failed: string[] = [];
  let closed = 0;
  for (let round = 1; ; round++) {
    let taken: string | undefined;
    try {
      const done = await prisma.$transaction(async (tx) => {
        const [row] = await sql(tx).rows<{ id: string; version: number }>`
          SELECT id::text AS id, version FROM support_request
          WHERE status = 'lost' AND resolved_at <= ${cutoff} AND NOT (id::text = ANY(${failed}::text[]))
          ORDER BY resolved_at LIMIT 1
          FOR UPDATE SKIP LOCKED`;
        if (!row) return true;
        taken = row.id;
        await recordEvent(tx, {
          requestId: row.id,
          expectedVersion: row.version,
          actor: null,
          kind: 'closed',
          data: { by: 'system', reason: 'unconfirmed' },
          changes: { status: 'lukket', closedAt: options.now },
          now: options.now,
        });
        return false;
      });
      if (done) return closed;
      closed += 1;
    } catch (error) {
      // Not one henvendelse's trouble but the database's: the run stops and is tried again.
      if (taken === undefined) throw error;
      failed.push(taken);
      options.onError?.(error, taken);
    }
    if (round % 20 === 0) await options.renewLease?.();
  }
}

/** The automatic closing, once an hour (run key: the UTC hour), on whichever instance claims it. */
export const autoCloseJob: ScheduledJob = {
  name: 'support.auto-close',
  runKey: (now) => now.toISOString().slice(0, 13),
  run: async (context: JobContext) => {
    await autoCloseRequests(context.prisma, { now: context.now, renewLease: context.renewLease, onError: context.onError });
  },
};
