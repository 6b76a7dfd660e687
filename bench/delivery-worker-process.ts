/**
 * One Arkivlos instance's outbox worker, on its own, for bench/delivery.ts: it shares nothing
 * with the other instances but PostgreSQL, as separate machines would. Started with an IPC
 * channel (child_process.fork); says `ready` once connected, starts the worker on `go` (so all
 * instances start together), and on SIGTERM stops it, reports what it did and exits.
 *
 *   BENCH_DATABASE_URL, BENCH_SERVICE_URL, BENCH_TENANT_ID, BENCH_TENANT_RPS; optional (else the app's defaults):
 *   BENCH_POOL_SIZE, BENCH_CAPACITY, BENCH_MAX_PACE_WAIT_MS
 */
import { createAdapter } from '../bot/adapter.js';
import { createTeamsMessenger } from '../bot/teams-messenger.js';
import { startDeliveryWorker, type DeliveryWorker } from '../domain/delivery/delivery-worker.js';
import type { DeliveryEvent } from '../domain/delivery/deliver-message.js';
import { openDatabase } from '../infra/database.js';

/** What a worker process reports when it stops. */
export interface WorkerReport {
  type: 'report';
  events: Record<DeliveryEvent['type'], number>;
  errors: number;
  firstErrors: string[];
  /** CPU time the worker's process used (user + system), ms. */
  cpuMs: number;
}

export type WorkerMessage = { type: 'ready' } | WorkerReport;

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const optional = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const database = await openDatabase({ url: env('BENCH_DATABASE_URL'), poolSize: optional('BENCH_POOL_SIZE') });
const events: WorkerReport['events'] = { sent: 0, retried: 0, throttled: 0, failed: 0, unreachable: 0, created: 0 };
const firstErrors: string[] = [];
let errors = 0;
let worker: DeliveryWorker | undefined;
let stopListening: (() => Promise<void>) | undefined;
const cpuAtStart = process.cpuUsage();

const send = (message: WorkerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.on('message', (message: { type: string }) => {
  if (message.type !== 'go' || worker) return;
  const adapter = createAdapter({ BOT_ID: undefined, BOT_PASSWORD: undefined, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: undefined });
  worker = startDeliveryWorker(
    {
      prisma: database.prisma,
      messenger: createTeamsMessenger(adapter, { botAppId: '' }),
      tenantRps: Number(env('BENCH_TENANT_RPS')),
      serviceUrl: env('BENCH_SERVICE_URL'),
      tenantId: env('BENCH_TENANT_ID'),
      maxPaceWaitMs: optional('BENCH_MAX_PACE_WAIT_MS'),
      onEvent: (event) => (events[event.type] += 1),
    },
    {
      capacity: optional('BENCH_CAPACITY'),
      onError: (error) => {
        errors += 1;
        if (firstErrors.length < 3) firstErrors.push(error instanceof Error ? error.message : String(error));
      },
    },
  );
  const current = worker;
  // The app wakes its worker on enqueueMessage's NOTIFY the same way (app.ts).
  void database.listen('arkivlos_outbox', () => current.wake()).then((stop) => (stopListening = stop));
});

process.once('SIGTERM', () => {
  void (async () => {
    await worker?.stop();
    await stopListening?.();
    await database.close();
    const cpu = process.cpuUsage(cpuAtStart);
    await send({ type: 'report', events, errors, firstErrors, cpuMs: (cpu.user + cpu.system) / 1000 });
    process.exit(0);
  })();
});

// Warm up what the first send would otherwise pay for: the pool's connections, Prisma's engine.
await database.prisma.$queryRaw`SELECT 1`;
await send({ type: 'ready' });
