/**
 * How close does the outbox come to Teams' limits without breaking them? Sends through the
 * limited connector (test/support/limited-connector.ts: Teams' per-conversation windows and a
 * tenant-wide 30 calls/s, 429 + Retry-After when broken) from outbox workers in separate
 * processes (bench/delivery-worker-process.ts) that share nothing but the embedded PostgreSQL:
 *   A  2,000 messages to 2,000 people with a stored personal chat, one instance
 *   B  the same with three instances
 *   D  2,000 people who never opened the bot: createConversation, then the send (two calls each)
 *   C  200 messages to one channel (80 with --quick), where the conversation's windows bind
 * and prints the achieved rate against the allowed one (goal ≥ 0.95), the 429s our pace caused
 * (goal 0), the busiest second, duplicates and lost messages. The baseline, measured in the same
 * run, is how fast the Teams messenger gets through to an unthrottled connector: the ceiling the
 * HTTP path alone would allow.
 *
 *   npx tsx bench/delivery.ts [--quick] [--scenario a|b|c|d]
 * To find what limits the worker: --people N (fewer, for short runs), --pool N, --capacity N,
 * --max-pace-wait MS (worker options; the app's defaults without them), --analyze (ANALYZE
 * outbox_message after enqueueing, as autovacuum would do a while later). Environment:
 * BENCH_EXPLAIN_429=1 prints where each 429 of our own pace came; BENCH_GAPS=1 where the rate was lost;
 * BENCH_CPU_PROF=<dir> writes a
 * CPU profile of each worker process there.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createAdapter } from '../bot/adapter.js';
import { createTeamsMessenger } from '../bot/teams-messenger.js';
import { enqueueMessage, type Recipient } from '../domain/delivery/enqueue-message.js';
import type { PrismaClient } from '../domain/db.js';
import { applyMigrations } from '../infra/migrate.js';
import { startLimitedConnector, TEAMS_CONVERSATION_LIMITS, type WindowLimit } from '../test/support/limited-connector.js';
import { openBenchDatabase } from './bench-database.js';
import type { WorkerMessage, WorkerReport } from './delivery-worker-process.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scenario: { type: 'string' },
    people: { type: 'string', default: '2000' },
    // The worker's knobs, to find what limits it; the app's defaults without them.
    pool: { type: 'string' },
    capacity: { type: 'string' },
    'max-pace-wait': { type: 'string' },
    // ANALYZE outbox_message after enqueueing, as autovacuum would a while later.
    analyze: { type: 'boolean', default: false },
  },
});
const only = values.scenario?.toLowerCase();
if (only && !['a', 'b', 'c', 'd'].includes(only)) throw new Error('--scenario is a, b, c or d');

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TENANT_RPS = 30;
const PEOPLE = Number(values.people);
const CHANNEL = '19:bench@thread.tacv2';
const CHANNEL_MESSAGES = values.quick ? 80 : 200;

const loadAtStart = loadavg()[0]!;
const database = await openBenchDatabase();
await applyMigrations(database.pool);
const { prisma } = database;
const databaseUrl = (database.pool.options as { connectionString: string }).connectionString;
const connector = await startLimitedConnector({ tenantRps: TENANT_RPS, defaultTenantId: TENANT });

/** The best any sender could do: each call at the earliest moment every window allows (a call exactly a window later is outside it, as the connector counts). */
function bestSchedule(calls: number, windows: readonly WindowLimit[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    let t = times.at(-1) ?? 0;
    for (let moved = true; moved; ) {
      moved = false;
      for (const { windowMs, max } of windows) {
        // The max-th latest call must have left the window: t >= that call + windowMs.
        const leaving = times.length >= max ? times[times.length - max]! : undefined;
        if (leaving !== undefined && t < leaving + windowMs) {
          t = leaving + windowMs;
          moved = true;
        }
      }
    }
    times.push(t);
  }
  return times;
}

const rateOf = (times: readonly number[]) => (times.length < 2 ? 0 : ((times.length - 1) / (times.at(-1)! - times[0]!)) * 1000);

/** The ceiling of the HTTP path: the Teams messenger to a connector with no limits, one call at a time and ten at a time. */
async function measureBaseline(): Promise<{ sequential: number; parallel: number }> {
  const open = await startLimitedConnector({ tenantRps: 1_000_000, conversationLimits: [], defaultTenantId: TENANT });
  const adapter = createAdapter({ BOT_ID: undefined, BOT_PASSWORD: undefined, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: undefined });
  const messenger = createTeamsMessenger(adapter, { botAppId: '' });
  const send = (i: number) =>
    messenger.send({ conversationId: `a:baseline-${i}`, serviceUrl: open.url, tenantId: TENANT, botId: '28:bench' }, { type: 'message', text: `baseline ${i}` });
  try {
    for (let i = 0; i < 100; i++) await send(i); // warm up
    const calls = 1_000;
    let started = performance.now();
    for (let i = 0; i < calls; i++) await send(i);
    const sequential = (calls / (performance.now() - started)) * 1000;
    started = performance.now();
    await Promise.all(Array.from({ length: 10 }, async (_, lane) => {
      for (let i = lane; i < calls; i += 10) await send(i);
    }));
    const parallel = (calls / (performance.now() - started)) * 1000;
    return { sequential, parallel };
  } finally {
    await open.close();
  }
}

async function createPeople(): Promise<{ id: string; aadObjectId: string }[]> {
  const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: randomUUID(), aadObjectId: randomUUID(), name: `Person ${i}`, email: `person${i}@bench.no` }));
  await prisma.person.createMany({ data: people });
  return people;
}

/** A personal chat for each person, as if each had opened the bot once. */
async function storePersonalChats(people: readonly { aadObjectId: string }[]): Promise<void> {
  await prisma.conversationReference.createMany({
    data: people.map((person, i) => ({
      conversationId: `a:p-${i}`,
      scope: 'personal',
      aadObjectId: person.aadObjectId,
      tenantId: TENANT,
      serviceUrl: connector.url,
      reference: { bot: { id: '28:bench' } },
    })),
  });
}

/** Enqueued a few hundred to a transaction, as a daily run would. */
async function enqueueAll(db: PrismaClient, messages: readonly { to: Recipient; text: string }[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 250) {
    await db.$transaction(async (tx) => {
      for (const { to, text } of messages.slice(i, i + 250)) await enqueueMessage(tx, { to, activity: { type: 'message', text } });
    }, { timeout: 60_000 });
  }
}

interface Instance {
  child: ChildProcess;
  report: Promise<WorkerReport>;
}

async function startInstance(): Promise<Instance> {
  const child = fork(new URL('./delivery-worker-process.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: {
      ...process.env,
      BENCH_DATABASE_URL: databaseUrl,
      BENCH_SERVICE_URL: connector.url,
      BENCH_TENANT_ID: TENANT,
      BENCH_TENANT_RPS: String(TENANT_RPS),
      BENCH_POOL_SIZE: values.pool ?? '',
      BENCH_CAPACITY: values.capacity ?? '',
      BENCH_MAX_PACE_WAIT_MS: values['max-pace-wait'] ?? '',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`a worker process exited with ${code} before it reported`))));
  const message = (type: WorkerMessage['type']) =>
    Promise.race([
      new Promise<WorkerMessage>((resolve) => {
        const listener = (received: WorkerMessage) => {
          if (received.type !== type) return;
          child.off('message', listener);
          resolve(received);
        };
        child.on('message', listener);
      }),
      exited,
    ]);
  const report = message('report') as Promise<WorkerReport>;
  report.catch(() => {}); // awaited in stop; a crash before then surfaces through `ready`
  await message('ready');
  return { child, report };
}

interface Outcome {
  calls: number;
  first: number;
  last: number;
  rate: number;
  caused429: number;
  /** Of those: calls that broke a limit (tenant, conversation), and calls that came while a Retry-After ran. */
  brokeTenant: number;
  /** With BENCH_EXPLAIN_429: where each 429 of our own pace came. */
  explained?: string[];
  /** With BENCH_GAPS: where the rate was lost (spans of TENANT_RPS + 1 calls longer than a second and the margin). */
  gaps?: string[];
  brokeConversation: number;
  duringRetryAfter: number;
  maxInSecond: number;
  duplicates: number;
  lost: number;
  /** From `go` to the last message settled. */
  wallMs: number;
  startMs: number;
  reports: WorkerReport[];
}

function explain429(): string[] {
  const first = connector.accepted[0]?.at ?? 0;
  return connector.throttled.map((call) => {
    const window = connector.accepted.filter((accepted) => accepted.at > call.at - 1_000 && accepted.at <= call.at).map((accepted) => accepted.at);
    return `429 at ${Math.round(call.at - first)} ms: ${window.length} accepted in the second before, first ${Math.round(call.at - Math.min(...window))} ms before`;
  });
}

/**
 * Where the rate was lost: at the allowed pace every TENANT_RPS + 1 consecutive calls span just
 * over a second (the window and its margin); each longer span lost its excess. Prints how the
 * spans spread and the longest few, with where in the run they were.
 */
function explainGaps(times: readonly number[]): string[] {
  const spans = times.slice(TENANT_RPS).map((at, i) => ({ from: times[i]! - times[0]!, ms: at - times[i]! }));
  if (spans.length === 0) return [];
  const sorted = spans.map((span) => span.ms).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
  const steps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => b - a);
  const worst = [...spans].sort((a, b) => b.ms - a.ms).slice(0, 6).map((span) => `${span.ms.toFixed(0)} ms at ${(span.from / 1000).toFixed(1)} s`);
  return [
    `spans of ${TENANT_RPS + 1} calls: p10 ${at(0.1)}, p50 ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${at(1)} ms; longest ${worst.join(', ')}`,
    `gaps between calls: longest ${steps.slice(0, 8).map((ms) => ms.toFixed(0)).join(', ')} ms; over 100 ms ${steps.filter((ms) => ms > 100).length}, their sum ${(steps.filter((ms) => ms > 100).reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s`,
  ];
}

async function run(instances: number, messages: readonly { to: Recipient; text: string }[], expectedMs: number): Promise<Outcome> {
  connector.clear();
  await prisma.outboxMessage.deleteMany();
  await prisma.deliveryPace.deleteMany();
  await enqueueAll(prisma, messages);
  if (values.analyze) await prisma.$executeRaw`ANALYZE outbox_message`;

  const started = await Promise.all(Array.from({ length: instances }, () => startInstance()));
  const go = performance.now();
  for (const { child } of started) child.send({ type: 'go' });
  const deadline = go + expectedMs * 3 + 30_000;
  for (;;) {
    const settled = await prisma.outboxMessage.count({ where: { state: { in: ['sent', 'failed', 'unreachable'] } } });
    if (settled === messages.length) break;
    if (performance.now() > deadline) {
      console.error(`  gave up waiting: ${settled} of ${messages.length} settled`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const wallMs = performance.now() - go;
  for (const { child } of started) child.kill('SIGTERM');
  const reports = await Promise.all(started.map((instance) => instance.report));

  const calls = connector.accepted;
  const sends = calls.filter((call) => call.kind === 'send');
  const texts = new Set(sends.map((call) => call.body.text));
  const times = calls.map((call) => call.at);
  return {
    calls: calls.length,
    first: times[0] ?? 0,
    last: times.at(-1) ?? 0,
    rate: rateOf(times),
    caused429: connector.throttled.length + connector.retryAfterViolations,
    // Where each 429 of our own pace came: ms after the first call, and the gaps of the calls around it.
    ...(process.env.BENCH_EXPLAIN_429 ? { explained: explain429() } : {}),
    ...(process.env.BENCH_GAPS ? { gaps: explainGaps(times) } : {}),
    brokeTenant: connector.throttled.filter((call) => call.reason === 'tenant').length,
    brokeConversation: connector.throttled.filter((call) => call.reason === 'conversation').length,
    duringRetryAfter: connector.retryAfterViolations,
    maxInSecond: connector.maxTenantInWindow(1_000, TENANT),
    duplicates: sends.length - texts.size,
    lost: messages.filter((message) => !texts.has(message.text)).length,
    wallMs,
    startMs: (times[0] ?? go) - go,
    reports,
  };
}

const n = (value: number) => value.toLocaleString('en');
const rows: string[] = [];
const notes: string[] = [];
function row(label: string, outcome: Outcome, allowed: number, extra = '') {
  const seconds = (outcome.last - outcome.first) / 1000;
  const sum = (key: keyof WorkerReport['events']) => outcome.reports.reduce((total, report) => total + report.events[key], 0);
  const cpuMs = outcome.reports.reduce((total, report) => total + report.cpuMs, 0);
  const cpu = outcome.reports.map((report) => (report.cpuMs / 1000).toFixed(1)).join(' + ');
  rows.push(
    `  ${label.padEnd(44)} ${n(outcome.calls).padStart(5)} ${seconds.toFixed(1).padStart(6)} s ${outcome.rate.toFixed(2).padStart(6)}/s ${allowed.toFixed(2).padStart(6)}/s ` +
      `${(outcome.rate / allowed).toFixed(3).padStart(6)} ${String(outcome.caused429).padStart(5)} ${String(outcome.maxInSecond).padStart(6)} ${String(outcome.duplicates).padStart(4)} ${String(outcome.lost).padStart(4)}${extra}`,
  );
  const errors = outcome.reports.reduce((total, report) => total + report.errors, 0);
  notes.push(
    `  ${label.slice(0, 1)}: first call ${(outcome.startMs / 1000).toFixed(2)} s after go, all settled ${(outcome.wallMs / 1000).toFixed(1)} s after go; ` +
      `429s: ${outcome.brokeTenant} broke the tenant limit, ${outcome.brokeConversation} a conversation's, ${outcome.duringRetryAfter} came during a Retry-After; ` +
      `worker events: sent ${sum('sent')}, created ${sum('created')}, throttled ${sum('throttled')}, retried ${sum('retried')}, failed ${sum('failed')}; ` +
      `worker CPU ${cpu} s (${(cpuMs / Math.max(1, outcome.calls)).toFixed(1)} ms a call); errors ${errors}` +
      `${errors ? ` (${outcome.reports.flatMap((report) => report.firstErrors).join(' | ')})` : ''}`,
  );
  for (const line of [...(outcome.explained ?? []), ...(outcome.gaps ?? [])]) notes.push(`     ${line}`);
}

try {
  const baseline = await measureBaseline();
  const people = await createPeople();
  const wanted = (scenario: string) => !only || only === scenario;
  const toPeople = (tag: string) => people.map((person, i) => ({ to: { personId: person.id }, text: `${tag} ${i}` }));
  const peopleMs = (PEOPLE / TENANT_RPS) * 1000;

  if (wanted('a') || wanted('b')) await storePersonalChats(people);
  const many = n(PEOPLE);
  if (wanted('a')) row(`A ${many} people, 1 instance`, await run(1, toPeople('a'), peopleMs), TENANT_RPS);
  if (wanted('b')) row(`B ${many} people, 3 instances`, await run(3, toPeople('b'), peopleMs), TENANT_RPS);
  if (wanted('d')) {
    await prisma.conversationReference.deleteMany();
    const outcome = await run(1, toPeople('d'), peopleMs * 2);
    row(`D ${many} who never opened the bot, 1 instance`, outcome, TENANT_RPS, `   messages ${(outcome.rate / 2).toFixed(2)}/s of ${TENANT_RPS / 2}/s`);
  }
  if (wanted('c')) {
    await prisma.conversationReference.create({
      data: { conversationId: CHANNEL, scope: 'channel', tenantId: TENANT, serviceUrl: connector.url, reference: { bot: { id: '28:bench' } } },
    });
    const best = bestSchedule(CHANNEL_MESSAGES, [...TEAMS_CONVERSATION_LIMITS, { windowMs: 1_000, max: TENANT_RPS }]);
    const outcome = await run(1, Array.from({ length: CHANNEL_MESSAGES }, (_, i) => ({ to: { conversationId: CHANNEL }, text: `c ${i}` })), best.at(-1)!);
    const windows = TEAMS_CONVERSATION_LIMITS.slice(0, 3).map((limit) => `${connector.maxInWindow(CHANNEL, limit.windowMs)}/${limit.windowMs / 1000} s`);
    row(`C ${CHANNEL_MESSAGES} to one channel, 1 instance`, outcome, rateOf(best), `   rate/7 ${(outcome.rate / 7).toFixed(3)}; busiest ${windows.join(', ')}`);
    notes.push(`  C: the best schedule under all four windows sends ${CHANNEL_MESSAGES} in ${(best.at(-1)! / 1000).toFixed(1)} s (${rateOf(best).toFixed(2)}/s); 'allowed' above is that rate`);
  }

  console.log(`bench delivery (embedded PostgreSQL with fsync off, limited connector: per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; tenant ${TENANT_RPS}/s)`);
  const knobs = [values.pool && `pool ${values.pool}`, values.capacity && `capacity ${values.capacity}`, values['max-pace-wait'] && `maxPaceWaitMs ${values['max-pace-wait']}`, values.analyze && 'ANALYZE after enqueue'];
  const options = knobs.filter(Boolean).join(', ') || "the app's defaults";
  console.log(`  workers: one OS process per instance, sharing only PostgreSQL; worker options: ${options}`);
  console.log(`  machine: ${availableParallelism()} cores, load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (other processes share the cores)`);
  console.log(`  baseline: messenger → unthrottled connector  ${baseline.sequential.toFixed(0)} calls/s one at a time, ${baseline.parallel.toFixed(0)} calls/s ten at a time (${(baseline.sequential / TENANT_RPS).toFixed(0)}× the tenant limit)`);
  console.log(`  ${'scenario'.padEnd(44)} ${'calls'.padStart(5)} ${'first→last'.padStart(8)} ${'rate'.padStart(8)} ${'allowed'.padStart(8)} ${'ratio'.padStart(6)} ${'429s'.padStart(5)} ${'max/1s'.padStart(6)} ${'dup'.padStart(4)} ${'lost'.padStart(4)}`);
  for (const line of rows) console.log(line);
  console.log('  goals: ratio ≥ 0.95, 429s 0, dup 0, lost 0');
  for (const line of notes) console.log(line);
} finally {
  await connector.close();
  await database.close();
}
