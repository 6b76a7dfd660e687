import { type DbClient, sql } from '../db.js';

export interface ClaimJobRunOptions {
  job: string;
  runKey: string;
  instance: string;
  now: Date;
  leaseMs: number;
}

/**
 * Claims one run of a job for this instance, in one statement: a new run is inserted; an existing
 * one is taken only if it never finished and its lease has passed (its instance died). The unique
 * (job, run_key) decides between instances claiming at the same moment: the loser waits on the
 * winner's row and then finds its lease live. Returns whether this instance has the run.
 */
export async function claimJobRun(db: DbClient, options: ClaimJobRunOptions): Promise<boolean> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const rows = await sql(db).rows<{ id: bigint }>`
    INSERT INTO scheduled_job_run (job, run_key, claimed_by, claimed_at, lease_until)
    VALUES (${options.job}, ${options.runKey}, ${options.instance}, ${options.now}, ${leaseUntil})
    ON CONFLICT (job, run_key) DO UPDATE
      SET claimed_by = EXCLUDED.claimed_by, claimed_at = EXCLUDED.claimed_at, lease_until = EXCLUDED.lease_until,
          attempts = scheduled_job_run.attempts + 1
      WHERE scheduled_job_run.finished_at IS NULL AND scheduled_job_run.lease_until < EXCLUDED.claimed_at
    RETURNING id`;
  return rows.length === 1;
}

/** Extends this instance's lease on a run; false when another instance has taken it over. */
export async function renewJobRun(db: DbClient, options: ClaimJobRunOptions): Promise<boolean> {
  const count = await sql(db).run`
    UPDATE scheduled_job_run SET lease_until = ${new Date(options.now.getTime() + options.leaseMs)}
    WHERE job = ${options.job} AND run_key = ${options.runKey} AND claimed_by = ${options.instance} AND finished_at IS NULL`;
  return count === 1;
}

/** Marks the run done, if this instance still holds it. */
export async function finishJobRun(db: DbClient, options: Omit<ClaimJobRunOptions, 'leaseMs'>): Promise<boolean> {
  const count = await sql(db).run`
    UPDATE scheduled_job_run SET finished_at = ${options.now}
    WHERE job = ${options.job} AND run_key = ${options.runKey} AND claimed_by = ${options.instance} AND finished_at IS NULL`;
  return count === 1;
}
