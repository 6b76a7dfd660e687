/**
 * How long does a `hjelp` message take from POST /api/messages until its card reaches the
 * connector? Runs the whole app in-process on an embedded database with the demo organisation,
 * and prints latencies next to a baseline (GET /healthz on the same server) so the ratio is
 * comparable across machines.
 *
 *   npx tsx bench/help-roundtrip.ts [rounds]
 */
import { performance } from 'node:perf_hooks';
import { startArkivlos } from '../app.js';
import { loadConfig } from '../infra/config.js';
import { openBenchDatabase } from './bench-database.js';
import { createLogger } from '../infra/logger.js';
import { messageActivity } from '../test/support/activities.js';
import { startFakeConnector } from '../test/support/fake-connector.js';

const rounds = Number(process.argv[2] ?? 200);

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

const format = (s: ReturnType<typeof summary>) => `p50 ${s.p50.toFixed(2)} ms  p95 ${s.p95.toFixed(2)} ms  max ${s.max.toFixed(2)} ms`;

const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const database = await openBenchDatabase();
const arkivlos = await startArkivlos({ config, logger: createLogger('silent'), database });
const connector = await startFakeConnector();
const users = ['20', '21', '22', '23', '24', '25'].map((n) => ({ aadObjectId: `00000000-0000-0000-0000-00000000000${n}` }));

async function timeHealth(): Promise<number> {
  const started = performance.now();
  await (await fetch(`${arkivlos.url}/healthz`)).text();
  return performance.now() - started;
}

async function timeHelp(i: number): Promise<number> {
  const activity = messageActivity('hjelp', { serviceUrl: connector.url, user: users[i % users.length]! });
  const started = performance.now();
  const response = await fetch(`${arkivlos.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  await connector.waitFor((sent) => sent.path.endsWith(`/activities/${activity.id}`));
  return performance.now() - started;
}

// Warm up: JIT, connection pool, Prisma's query plans.
for (let i = 0; i < 20; i++) {
  await timeHealth();
  await timeHelp(i);
}
connector.clear();

const health: number[] = [];
const help: number[] = [];
for (let i = 0; i < rounds; i++) health.push(await timeHealth());
for (let i = 0; i < rounds; i++) help.push(await timeHelp(i));

const concurrency = 10;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
  for (let i = worker; i < rounds; i += concurrency) await timeHelp(i);
}));
const throughput = rounds / ((performance.now() - started) / 1000);

const baseline = summary(health);
const measured = summary(help);
console.log(`bench help-roundtrip (${rounds} rounds, embedded database)`);
console.log(`  baseline GET /healthz         ${format(baseline)}`);
console.log(`  hjelp → help card (serial)    ${format(measured)}  ratio p50 ${(measured.p50 / baseline.p50).toFixed(1)}×`);
console.log(`  hjelp with ${concurrency} in flight       ${throughput.toFixed(0)} messages/s`);

await connector.close();
await arkivlos.stop();
await database.close();
