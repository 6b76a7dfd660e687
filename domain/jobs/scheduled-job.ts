import type { PrismaClient } from '../db.js';

/** What a job's work is given: the database, the moment the run was claimed for, and who runs it. */
export interface JobContext {
  prisma: PrismaClient;
  now: Date;
  /** The instance that claimed the run (for its own claims, e.g. renewing the lease). */
  instance: string;
  runKey: string;
  /** Renews this run's lease (a long run calls it between batches so no other instance takes it over). */
  renewLease(): Promise<boolean>;
  /** Something went wrong with one item; the run goes on (the runner logs it). */
  onError(error: unknown, item: string): void;
}

/**
 * A scheduled job: its name, which run is due at a moment (`null`: none is due now), and its work.
 * Every instance looks with a plain timer; the database lets one instance have each run
 * (claim-job-run.ts), and a run whose instance died is taken over when its lease has passed.
 * The work itself must be safe to run twice at once (a run taken over from an instance that was
 * only slow): it takes its rows with `FOR UPDATE SKIP LOCKED` and changes them with a version check.
 */
export interface ScheduledJob {
  name: string;
  /**
   * The run due at `now`, e.g. the hour (`2026-11-26T15`), or a day for a morning card; null when
   * none is. Asked on every tick, so a job whose schedule lives in the database (the daily cards'
   * time and zone) reads it here and follows a change at once.
   */
  runKey(now: Date, prisma: PrismaClient): string | null | Promise<string | null>;
  run(context: JobContext): Promise<void>;
}
