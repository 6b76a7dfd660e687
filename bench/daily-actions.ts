/**
 * How fast is «Fordel» from the daily card when many leaders use it at once? Runs the whole app
 * in-process against the fake connector, with an organisation of its own (a unit per leader, with
 * two caseworkers, a backlog and more unassigned post than the card shows), and measures at 1, 10
 * and 50 concurrent leaders, each on an entry of their own unit:
 *   - «Fordel» opened: the first click, answered with the form (the unit's caseworkers);
 *   - «Fordel» sent: the form's button, answered with the leader's «Mine oppgaver» as it is now
 *     (the write through the archive port, its audit entry, and the card composed again).
 * Besides the times it prints the CPU each turn costs (this process + the database's backends):
 * unlike p99, the load of other work on the machine hardly moves it.
 * The baseline, measured in the same run on the same server at the same concurrency, is a bare
 * echo turn (bench/turns.ts). Runs on the embedded PostgreSQL and on a PostgreSQL server, each
 * with the planner's statistics gathered and the pool warmed first (what a new pool's first
 * «Fordel» cost is printed too).
 *
 *   npx tsx bench/daily-actions.ts [--rounds N] [--concurrency 1,10,50] [--only-embedded | --only-postgres]
 * Each level runs at least MIN_TURNS turns of each scenario (at 1 leader 200 rounds, at 50 ten),
 * so that its p99 is a percentile and not the one slowest turn; `--rounds N` runs N at every level.
 * Target (issue 8): p99 of «Fordel» at 50 ≤ 3× the echo's p99 at 50; every invoke well under 3 s.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { startArkivlos } from '../app.js';
import { ROUTES } from '../bot/application.js';
import { REGISTRY_TABLES } from '../domain/archive/registry/analyze-registry.js';
import { createCase } from '../domain/archive/registry/create-case.js';
import { createEntry } from '../domain/archive/registry/create-entry.js';
import { importOrganisation } from '../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../domain/org/org-file.js';
import { loadConfig } from '../infra/config.js';
import type { Database } from '../infra/database.js';
import { createLogger } from '../infra/logger.js';
import { applyMigrations } from '../infra/migrate.js';
import { actionExecuteActivity, messageActivity, type TestUser } from '../test/support/activities.js';
import { startFakeConnector } from '../test/support/fake-connector.js';
import { onBenchDatabases } from './bench-database.js';
import { activityPoster, cpuMeter, registerEcho, summary } from './turns.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    concurrency: { type: 'string', default: '1,10,50' },
    'only-embedded': { type: 'boolean', default: false },
    'only-postgres': { type: 'boolean', default: false },
  },
});
const LEVELS = values.concurrency.split(',').map(Number);
if (LEVELS.some((level) => !Number.isInteger(level) || level < 1)) throw new Error('--concurrency is a list of whole numbers ≥ 1, e.g. 1,10,50');
if (values.rounds !== undefined && !(Number.isInteger(Number(values.rounds)) && Number(values.rounds) >= 1)) throw new Error('--rounds is a whole number ≥ 1');
const MIN_TURNS = 200;
/** Rounds at a level: `--rounds`, or enough for MIN_TURNS turns. */
const roundsAt = (level: number) => (values.rounds === undefined ? Math.max(10, Math.ceil(MIN_TURNS / level)) : Number(values.rounds));
const LEADERS = Math.max(...LEVELS);
const WARM_UP = 10;
/** Entries each leader distributes in the run, and those that stay unassigned and on the card. */
const TO_DISTRIBUTE = WARM_UP + LEVELS.reduce((sum, level) => sum + roundsAt(level), 0);
const STAYING = { unassigned: 12, backlog: 15 };
const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const TARGET = { concurrency: 50, ratio: 3 };
const ANALYZED = ['person', 'unit', 'role_assignment', 'unit_deputy', 'absence', ...REGISTRY_TABLES];

function organisation() {
  const person = (kind: string, unit: number, i: number) => ({
    aadObjectId: `00000000-0000-4000-${kind === 'leder' ? 'a000' : 'b000'}-${String(unit * 10 + i).padStart(12, '0')}`,
    name: `${kind === 'leder' ? 'Leder' : 'Saksbehandler'} ${unit}-${i}`,
    email: `${kind}${unit}-${i}@bench.no`,
    unit: `E${unit}`,
    roles: ['saksbehandler'],
  });
  const leaders = Array.from({ length: LEADERS }, (_, unit) => person('leder', unit, 0));
  const caseworkers = Array.from({ length: LEADERS }, (_, unit) => [person('sb', unit, 1), person('sb', unit, 2)]).flat();
  const file = stringify({
    organisation: 'Bench kommune',
    units: leaders.map((leader, unit) => ({ code: `E${unit}`, name: `Enhet ${unit}`, leader: leader.email })),
    people: [...leaders, ...caseworkers],
  });
  return { file, leaders: leaders.map(({ aadObjectId, name }): TestUser => ({ aadObjectId, name })) };
}

/** Each unit's post: entries to distribute in the run (one new case each), more unassigned post, and a backlog. */
async function seedArchive(database: Database) {
  const { prisma } = database;
  const units = await prisma.unit.findMany({ where: { code: { startsWith: 'E' } }, include: { members: true }, orderBy: { code: 'asc' } });
  const toDistribute = new Map<string, string[]>();
  const meta = { actor: 'bench', now: NOW };
  for (const unit of units) {
    const caseworker = unit.members.find((member) => member.id !== unit.leaderId)!;
    await prisma.$transaction(async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < TO_DISTRIBUTE + STAYING.unassigned; i++) {
        const kase = await createCase(tx, { title: `Søknad om byggetillatelse ${unit.code}-${i}`, unitId: unit.id }, meta);
        const entry = await createEntry(tx, { caseId: kase.id, title: `Søknad om byggetillatelse, gnr. ${i} bnr. 7`, type: 'I', status: 'J', unitId: unit.id, receivedDate: TODAY }, meta);
        ids.push(entry.id);
      }
      toDistribute.set(unit.leaderId!, ids.slice(0, TO_DISTRIBUTE));
      const backlog = await createCase(tx, { title: `Klagesaker ${unit.code}`, unitId: unit.id, saksansvarligId: caseworker.id }, meta);
      for (let i = 0; i < STAYING.backlog; i++) {
        await createEntry(tx, { caseId: backlog.id, title: `Klage ${i}`, type: 'I', status: 'J', unitId: unit.id, caseworkerId: caseworker.id, receivedDate: TODAY }, meta);
      }
    });
  }
  const people = await prisma.person.findMany({ where: { id: { in: [...toDistribute.keys()] } } });
  const entriesOf = new Map(people.map((leader) => [leader.aadObjectId, toDistribute.get(leader.id)!]));
  const caseworkerOf = new Map(units.map((unit) => [unit.leaderId!, unit.members.find((member) => member.id !== unit.leaderId)!.id]));
  return { entriesOf, caseworkerOf: new Map(people.map((leader) => [leader.aadObjectId, caseworkerOf.get(leader.id)!])) };
}

async function runOn(database: Database, label: string) {
  await applyMigrations(database.pool);
  const org = organisation();
  await importOrganisation(database.prisma, parseOrganisationFile(org.file, 'bench.yaml'), { actor: 'bench' });
  const { entriesOf, caseworkerOf } = await seedArchive(database);
  // The planner's statistics, as autovacuum gathers them a minute after the data came (a bench
  // that starts at once would measure plans made for tables it thinks are empty).
  for (const table of ANALYZED) await database.pool.query(`VACUUM ANALYZE ${table}`);
  const connector = await startFakeConnector();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DEMO_DATA: 'off', TEAMS_SERVICE_URL: connector.url });
  const arkivlos = await startArkivlos({ config, logger: createLogger('silent'), database, routes: [registerEcho, ...ROUTES], now: () => NOW });
  const post = activityPoster(arkivlos.url);
  const as = (user: TestUser) => ({ serviceUrl: connector.url, user });
  const next = new Map<string, number>();

  /** Each leader opens «Fordel» on their next entry, all at once; then all send the form at once. Both answers timed. */
  const openRound = (leaders: readonly TestUser[]) =>
    Promise.all(
      leaders.map(async (leader) => {
        const index = next.get(leader.aadObjectId) ?? 0;
        next.set(leader.aadObjectId, index + 1);
        const entryId = entriesOf.get(leader.aadObjectId)![index]!;
        const opened = await post(actionExecuteActivity('daily.distribute', { entryId, version: 1 }, as(leader)));
        if (!JSON.stringify(opened.body).includes('"id":"person"')) throw new Error(`«Fordel» did not answer with its form: ${JSON.stringify(opened.body).slice(0, 300)}`);
        return { leader, entryId, ms: opened.ms };
      }),
    );
  const sendRound = (opened: readonly { leader: TestUser; entryId: string }[]) =>
    Promise.all(
      opened.map(async ({ leader, entryId }) => {
        const sent = await post(actionExecuteActivity('daily.distribute', { entryId, version: 1, submit: true, person: caseworkerOf.get(leader.aadObjectId) }, as(leader)));
        if (!JSON.stringify(sent.body).includes('✔ ')) throw new Error(`«Fordel» did not distribute: ${JSON.stringify(sent.body).slice(0, 300)}`);
        return sent.ms;
      }),
    );
  const echoRound = (leaders: readonly TestUser[]) => Promise.all(leaders.map(async (leader, i) => (await post(messageActivity(`bench echo ${i}`, as(leader)))).ms));

  // Measured on a warm pool, as a running bot's is: PostgreSQL plans a statement on a connection
  // anew for its first five executions before it keeps a generic plan (infra/pg-pool.ts), and a
  // new connection loads its catalog cache first. The warm-up sends as many «Fordel» at once as
  // the pool has connections, WARM_UP times; what its first round cost is printed as «a new pool».
  const meter = cpuMeter(database.pool);
  const warmers = org.leaders.slice(0, Math.min(LEADERS, database.pool.options.max ?? 10));
  let cold: Cold | null = null;
  for (let i = 0; i < WARM_UP; i++) {
    await echoRound(warmers);
    const opened = await openRound(warmers);
    const started = await meter.start();
    await sendRound(opened);
    if (i === 0) cold = { turns: warmers.length, ...(await started.stop()) };
  }
  const results = new Map<number, Measured>();
  for (const level of LEVELS) {
    const leaders = org.leaders.slice(0, level);
    const measured: Measured = { echo: [], open: [], send: [], cpu: { echo: noCpu(), open: noCpu(), send: noCpu() } };
    const timedCpu = async <T>(scenario: keyof Measured['cpu'], work: () => Promise<T>): Promise<T> => {
      const started = await meter.start();
      const result = await work();
      const used = await started.stop();
      const cpu = measured.cpu[scenario];
      cpu.nodeMs += used.nodeMs;
      cpu.pgMs = used.pgMs === null || cpu.pgMs === null ? null : cpu.pgMs + used.pgMs;
      return result;
    };
    for (let round = 0; round < roundsAt(level); round++) {
      measured.echo.push(...(await timedCpu('echo', () => echoRound(leaders))));
      const opened = await timedCpu('open', () => openRound(leaders));
      measured.open.push(...opened.map((o) => o.ms));
      measured.send.push(...(await timedCpu('send', () => sendRound(opened))));
    }
    results.set(level, measured);
  }
  const distributed = await database.prisma.auditEntry.count({ where: { action: 'archive.distributed' } });
  const planning = await plansMadeAnew(database);
  await arkivlos.stop();
  await connector.close();
  return { label, results, distributed, planning, cold: cold! };
}

/** CPU of the warm-up's first round of «Fordel» sent, on the new pool's connections. */
type Cold = { turns: number; nodeMs: number; pgMs: number | null };

/**
 * The prepared statements that PostgreSQL still plans anew at each execution after the run (more
 * custom plans than the five it makes on each connection before it tries the generic one):
 * planning such a statement costs more than executing it (infra/pg-pool.ts).
 */
async function plansMadeAnew(database: Database): Promise<string[]> {
  const pool = database.pool as unknown as { connect(): Promise<{ query(text: string): Promise<{ rows: { statement: string; generic_plans: string; custom_plans: string }[] }>; release(): void }>; options: { max?: number } };
  const clients = await Promise.all(Array.from({ length: pool.options.max ?? 10 }, () => pool.connect()));
  const byText = new Map<string, { generic: number; custom: number; connections: number }>();
  try {
    for (const client of clients) {
      for (const row of (await client.query('SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements')).rows) {
        const seen = byText.get(row.statement) ?? { generic: 0, custom: 0, connections: 0 };
        byText.set(row.statement, { generic: seen.generic + Number(row.generic_plans), custom: seen.custom + Number(row.custom_plans), connections: seen.connections + 1 });
      }
    }
  } finally {
    for (const client of clients) client.release();
  }
  return [...byText]
    .filter(([, plans]) => plans.custom > 5 * plans.connections)
    .map(([text, plans]) => `${plans.custom} custom / ${plans.generic} generic plans: ${text.replace(/\s+/g, ' ').trim().slice(0, 110)}`);
}

interface Measured {
  echo: number[];
  open: number[];
  send: number[];
  /** CPU used by each scenario's rounds (Node, PostgreSQL's backends; null where /proc cannot tell). */
  cpu: Record<'echo' | 'open' | 'send', { nodeMs: number; pgMs: number | null }>;
}
const noCpu = () => ({ nodeMs: 0, pgMs: 0 as number | null });

function print({ label, results, distributed, planning, cold }: Awaited<ReturnType<typeof runOn>>) {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(11);
  console.log(`\n${label} (${distributed} entries distributed, each audited once)`);
  console.log(`  ${'scenario'.padEnd(40)} ${'leaders'.padStart(7)} ${'n'.padStart(5)} ${'p50'.padStart(11)} ${'p99'.padStart(11)}   p99 ÷ echo   CPU/turn node + pg   ÷ echo`);
  for (const [level, measured] of results) {
    const echo = summary(measured.echo);
    const perTurn = (scenario: keyof Measured['cpu'], n: number) => {
      const cpu = measured.cpu[scenario];
      return (cpu.nodeMs + (cpu.pgMs ?? 0)) / n;
    };
    const echoCpu = perTurn('echo', measured.echo.length);
    const row = (name: string, scenario: keyof Measured['cpu'], samples: readonly number[]) => {
      const s = summary(samples);
      const cpu = measured.cpu[scenario];
      const split = `${(cpu.nodeMs / s.n).toFixed(1)} + ${cpu.pgMs === null ? '?' : (cpu.pgMs / s.n).toFixed(1)}`;
      console.log(
        `  ${name.padEnd(40)} ${String(level).padStart(7)} ${String(s.n).padStart(5)} ${ms(s.p50)} ${ms(s.p99)}   ${(s.p99 / echo.p99).toFixed(2).padStart(6)}×` +
          `   ${split.padStart(13)} ms ${(perTurn(scenario, s.n) / echoCpu).toFixed(2).padStart(6)}×`,
      );
    };
    row('echo turn (baseline)', 'echo', measured.echo);
    row('«Fordel» opened (the form)', 'open', measured.open);
    row('«Fordel» sent (write + card again)', 'send', measured.send);
  }
  const at = results.get(TARGET.concurrency);
  if (at) {
    const ratio = summary(at.send).p99 / summary(at.echo).p99;
    console.log(`  target p99 «Fordel» at ${TARGET.concurrency} ≤ ${TARGET.ratio}× echo p99: ${ratio.toFixed(2)}× — ${ratio <= TARGET.ratio ? 'holds ✔' : 'does NOT hold ✘'}`);
  }
  const perTurn = (ms: number | null) => (ms === null ? '?' : (ms / cold.turns).toFixed(1));
  console.log(
    `  a new pool: the first ${cold.turns} «Fordel» sent at once cost ${perTurn(cold.nodeMs)} + ${perTurn(cold.pgMs)} ms CPU per turn ` +
      `(its connections plan each statement; measured after ${WARM_UP} such rounds)`,
  );
  console.log(`  statements still planned anew at each execution: ${planning.length === 0 ? 'none' : ''}`);
  for (const line of planning) console.log(`    ${line}`);
}

console.log(`bench daily-actions (${LEVELS.map((level) => `${roundsAt(level)} rounds at ${level}`).join(', ')} concurrent leaders; load average ${loadavg()[0]!.toFixed(1)} at start)`);
await onBenchDatabases({ embedded: values['only-embedded'], postgres: values['only-postgres'] }, async (database, label) => print(await runOn(database, label)));
console.log(`\nload average ${loadavg()[0]!.toFixed(1)} at the end`);
