import type { PrismaClient } from '../db.js';
import { newInstanceId } from '../delivery/delivery-worker.js';
import { claimJobRun, finishJobRun, renewJobRun } from './claim-job-run.js';
import type { ScheduledJob } from './scheduled-job.js';

export interface JobRunnerDeps {
  prisma: PrismaClient;
  jobs: readonly ScheduledJob[];
  now: () => Date;
  instance?: string;
}

export interface JobRunnerOptions {
  /** How often the timer looks for a due run (tests look often). */
  pollMs?: number;
  /** How long a claimed run holds before another instance may take it over. */
  leaseMs?: number;
  onError?: (error: unknown, job: string, item?: string) => void;
  onRun?: (event: { job: string; runKey: string; outcome: 'finished' | 'lost' }) => void;
}

export interface JobRunner {
  instance: string;
  /** Looks for a due run of every job now, and resolves when what it found has run (tests). */
  tick(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * The scheduled jobs' timer, one per instance: every `pollMs` it asks each job which run is due
 * and tries to claim it in the database. Only the instance that claims a run does its work, so
 * the jobs run once across instances and survive restarts (the run is in the database).
 */
export function startJobRunner(deps: JobRunnerDeps, options: JobRunnerOptions = {}): JobRunner {
  const instance = deps.instance ?? newInstanceId();
  const pollMs = options.pollMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  let current: Promise<void> = Promise.resolve();
  let stopped = false;
  let busy = false;

  const runDue = async (job: ScheduledJob) => {
    const now = deps.now();
    const runKey = await job.runKey(now, deps.prisma);
    if (runKey === null) return;
    const claim = { job: job.name, runKey, instance, leaseMs };
    if (!(await claimJobRun(deps.prisma, { ...claim, now }))) return;
    await job.run({ prisma: deps.prisma, now, instance, runKey, renewLease: () => renewJobRun(deps.prisma, { ...claim, now: deps.now() }),
      onError: (error, item) => options.onError?.(error, job.name, item),
    });
    const finished = await finishJobRun(deps.prisma, { ...claim, now: deps.now() });
    options.onRun?.({ job: job.name, runKey, outcome: finished ? 'finished' : 'lost' });
  };

  // One look at a time: a slow run is not started again by the next tick of this instance.
  const tick = () => {
    current = current.then(async () => {
      if (stopped) return;
      busy = true;
      for (const job of deps.jobs) await runDue(job).catch((error: unknown) => options.onError?.(error, job.name));
      busy = false;
    });
    return current;
  };
  const timer = setInterval(() => {
    if (!busy) void tick();
  }, pollMs);
  timer.unref();
  void tick();

  return {
    instance,
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
