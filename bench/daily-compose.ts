/**
 * How long does composing everyone's «Mine oppgaver» take, and how much memory, over a large
 * archive on PostgreSQL? Composes the views (`composeDailyCardsInBatches`, each batch
 * `composeDailyCards`) and renders every card as it is sent (`dailyCard`, personal, with the
 * buttons), without sending; counts the cards with something to do, their bytes and the largest,
 * peak RSS and heap, the SQL statements, and prints EXPLAIN (ANALYZE, BUFFERS) of each read of one
 * batch with the indexes it used.
 *
 *   npx tsx bench/daily-compose.ts --people 5000 --entries 1000000 [--seed bench] [--batch 2000] [--runs 3] [--fresh] [--no-explain]
 *
 * Target (issue 8): 50,000 people over 10,000,000 entries in ≤ 60 s and ≤ 1 GB.
 *
 * The data: a database of its own on BENCH_DATABASE_URL's server (else the machine's
 * postgres://postgres@127.0.0.1:5432), named after the set (`arkivlos_bench_daily_<people>_<entries>_<seed>`)
 * and KEPT between runs: a run reuses it when its people and entries are those asked for, and
 * loads it (bench/daily-data.ts) when not, or with --fresh. Composing runs for the day the set was
 * made for. The loading is done in a child process, so the compose figures (maxRSS above all)
 * are this process's alone.
 *
 * Statements are counted at the pg pool (every `sql(db)` statement goes through its query(); the
 * composer uses nothing else), as test/daily/compose-daily-cards.test.ts counts them.
 * The baseline, in the same run: composing for one caseworker, and a bare `SELECT 1`.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { dailyCardJson } from '../cards/daily-card.js';
import { builtInRegistry } from '../domain/archive/registry/built-in-registry.js';
import { composeDailyCards, composeDailyCardsInBatches, DAILY_COMPOSE_BATCH } from '../domain/daily/compose-daily-cards.js';
import { getsDailyCard, type DailyCardView } from '../domain/daily/daily-view.js';
import { translator, type Locale } from '../i18n/index.js';
import { openDatabase } from '../infra/database.js';
import { applyMigrations } from '../infra/migrate.js';
import { admin, withDatabase } from '../test/support/postgres-admin.js';
import { benchServerUrl } from './bench-database.js';
import { loadBenchSet, loadedSet } from './daily-data.js';
import { cpuMeter } from './turns.js';
import { osloDate } from '../domain/archive/registry/change.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '5000' },
    entries: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: 'bench' },
    batch: { type: 'string', default: String(DAILY_COMPOSE_BATCH) },
    runs: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
    'no-explain': { type: 'boolean', default: false },
    'load-only': { type: 'boolean', default: false },
    'explain-only': { type: 'boolean', default: false },
  },
});
const PEOPLE = Number(values.people.replace(/[_,]/g, ''));
const ENTRIES = Number(values.entries.replace(/[_,]/g, ''));
const BATCH = Number(values.batch);
const RUNS = Number(values.runs);
const SEED = values.seed;
for (const [name, value] of [['people', PEOPLE], ['entries', ENTRIES], ['batch', BATCH], ['runs', RUNS]] as const) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} is a whole number ≥ 1`);
}
if (!/^[a-z0-9]+$/i.test(SEED)) throw new Error('--seed is letters and digits (it names the database)');
const TARGET = { seconds: 60, bytes: 1024 ** 3 };
const SETTINGS = { dailyCardTime: '07:30', timeZone: 'Europe/Oslo' };

const server = benchServerUrl();
const name = `arkivlos_bench_daily_${PEOPLE}_${ENTRIES}_${SEED.toLowerCase()}`;
const url = withDatabase(server, name);
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

if (values['load-only']) {
  await load();
  process.exit(0);
}

// Find the set, or load it in a child process (its memory is not the compose's).
{
  const probe = await openDatabase({ url, poolSize: 1 }).catch(() => null);
  const set = probe ? await loadedSet(probe.pool) : null;
  await probe?.close();
  if (!set || values.fresh) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2).filter((arg) => arg !== '--fresh'), '--load-only'], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`loading the set failed (exit ${child.status})`);
  } else {
    console.log(`reusing database ${name} (${set.people} people, ${set.entries} entries, seed ${set.seed}, made for ${set.today})`);
  }
}

async function load() {
  console.log(`loading ${PEOPLE} people and ${ENTRIES} entries (seed ${SEED}) into a new database ${name} on ${new URL(server).host}`);
  await admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(server, `CREATE DATABASE "${name}"`);
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    await applyMigrations(database.pool);
    const now = new Date();
    const started = performance.now();
    await loadBenchSet(database.prisma, database.pool, { people: PEOPLE, entries: ENTRIES, seed: SEED, today: osloDate(now), now });
    console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s; the database is kept for the next run (--fresh loads it again)`);
  } finally {
    await database.close();
  }
}

const database = await openDatabase({ url, poolSize: 12 });
// A set loaded before a newer migration gets it now (an index over 10,000,000 rows: once, a minute or so).
{
  const started = performance.now();
  const applied = await applyMigrations(database.pool);
  if (Array.isArray(applied) && applied.length > 0) console.log(`  applied ${applied.length} newer migration(s) to the kept set in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const set = (await loadedSet(database.pool))!;
const archive = builtInRegistry(database.prisma);
const rowsOf = async <T>(text: string, params: unknown[] = []): Promise<T[]> => ((await database.pool.query(text, params)) as { rows: T[] }).rows;
const options = { date: set.today, ...SETTINGS };

// Every statement of sql(db) goes through the pool's query().
const pool = database.pool as unknown as { query: (...args: unknown[]) => unknown };
const poolQuery = pool.query;
let statements = 0;
let recording: { text: string; values: unknown[] }[] | null = null;
pool.query = function (this: unknown, ...args: unknown[]) {
  statements += 1;
  if (recording) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    recording.push(typeof first === 'string' ? { text: first, values: second ?? [] } : { text: first.text, values: first.values ?? second ?? [] });
  }
  return poolQuery.apply(this, args);
};

const translators = new Map<Locale, ReturnType<typeof translator>>();
const render = (view: DailyCardView) => {
  const locale = view.person.locale ?? 'nb';
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = translator(locale)));
  return dailyCardJson(view, { locale, audience: 'personal', actions: true }, t);
};

/** Peak RSS and heap, sampled every 20 ms (and at each batch). */
const peak = { rss: 0, heap: 0 };
const sample = () => {
  const usage = process.memoryUsage();
  peak.rss = Math.max(peak.rss, usage.rss);
  peak.heap = Math.max(peak.heap, usage.heapUsed);
};

interface Run {
  ms: number;
  people: number;
  cards: number;
  bytes: number;
  largest: { bytes: number; person: string; items: number };
  statements: number;
  batches: number;
  composeMs: number;
  /** CPU seconds: this process's, and the database's backends' (bench/turns.ts cpuMeter). */
  cpu: { nodeMs: number; pgMs: number | null };
}

async function composeAll(): Promise<Run> {
  statements = 0;
  const run: Run = { ms: 0, people: 0, cards: 0, bytes: 0, largest: { bytes: 0, person: '', items: 0 }, statements: 0, batches: 0, composeMs: 0, cpu: { nodeMs: 0, pgMs: null } };
  const meter = await cpuMeter(database.pool).start();
  const started = performance.now();
  let waited = performance.now();
  for await (const views of composeDailyCardsInBatches(database.prisma, archive, { ...options, batchSize: BATCH })) {
    run.composeMs += performance.now() - waited;
    run.batches += 1;
    for (const view of views) {
      run.people += 1;
      if (!getsDailyCard(view)) continue;
      const json = render(view);
      const bytes = Buffer.byteLength(json);
      run.cards += 1;
      run.bytes += bytes;
      if (bytes > run.largest.bytes) run.largest = { bytes, person: view.person.name, items: view.sections.reduce((sum, section) => sum + section.items.length, 0) };
    }
    sample();
    waited = performance.now();
  }
  run.ms = performance.now() - started;
  run.cpu = await meter.stop();
  run.statements = statements;
  return run;
}

console.log(
  `bench daily-compose: ${set.people} people, ${set.entries} entries on PostgreSQL ${new URL(server).host} (database ${name}), day ${set.today}; ` +
    `batches of ${BATCH}; ${availableParallelism()} cores, ${mb(totalmem())} RAM; load average ${loadavg()[0]!.toFixed(1)} at start; ` +
    `Node ${process.version} with ${[...process.execArgv.filter((arg) => arg.startsWith('--max-')), process.env.NODE_OPTIONS ?? ''].join(' ').trim() || 'no heap options'} (the bot runs with V8's defaults, npm run digests:send with --max-semi-space-size=64)`,
);
const counts = (
  await rowsOf<{ cases: number; steps: number; decisions: number; away: number; units: number }>(`
    SELECT (SELECT count(*) FROM archive_case)::int AS cases, (SELECT count(*) FROM archive_approval_step)::int AS steps,
           (SELECT count(*) FROM archive_decision)::int AS decisions, (SELECT count(DISTINCT person_id) FROM absence WHERE from_date <= $1::date AND to_date >= $1::date)::int AS away,
           (SELECT count(*) FROM unit WHERE active)::int AS units`, [set.today])
)[0]!;
console.log(`  the set: ${counts.units} units, ${counts.cases} cases, ${counts.steps} approval steps, ${counts.decisions} decisions, ${counts.away} people away today`);

// Baseline: a bare statement, and composing for one caseworker (the first with a backlog).
const [{ id: oneCaseworker } = { id: '' }] = await rowsOf<{ id: string }>(`SELECT caseworker_id::text AS id FROM archive_entry WHERE caseworker_id IS NOT NULL LIMIT 1`);
const timeIt = async (work: () => Promise<unknown>, times: number) => {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
};
await timeIt(() => composeDailyCards(database.prisma, archive, { ...options, personIds: [oneCaseworker] }), 3); // warm up
const selectOneMs = await timeIt(() => database.pool.query('SELECT 1'), 20);
statements = 0;
const oneMs = await timeIt(async () => {
  const [view] = await composeDailyCards(database.prisma, archive, { ...options, personIds: [oneCaseworker] });
  if (view) render(view);
}, 5);
const oneStatements = statements / 5;
console.log(`  baseline: SELECT 1 ${selectOneMs.toFixed(2)} ms; composing and rendering one caseworker's card ${oneMs.toFixed(1)} ms (${oneStatements} statements)`);

const timer = setInterval(sample, 20);
const runs: Run[] = [];
for (let i = 0; i < (values['explain-only'] ? 0 : RUNS); i++) {
  const run = await composeAll();
  runs.push(run);
  console.log(
    `  run ${i + 1}: ${(run.ms / 1000).toFixed(1)} s for ${run.people} people (${(run.composeMs / 1000).toFixed(1)} s waiting for the database, the rest rendering; ` +
      `CPU ${(run.cpu.nodeMs / 1000).toFixed(1)} s here + ${run.cpu.pgMs === null ? '?' : (run.cpu.pgMs / 1000).toFixed(1)} s PostgreSQL), ` +
      `${run.cards} cards with something to do, ${mb(run.bytes)} of cards (largest ${(run.largest.bytes / 1024).toFixed(1)} KB, ${run.largest.items} items), ` +
      `${run.statements} statements in ${run.batches} batches; ${(run.ms / oneMs).toFixed(0)}× one person's card, ${(run.ms / run.people / oneMs).toFixed(3)}× per person`,
  );
}
clearInterval(timer);
sample();
const maxRss = process.resourceUsage().maxRSS * 1024;
const times = runs.map((run) => run.ms / 1000);
if (runs.length > 0) {
const best = Math.min(...times);
const worst = Math.max(...times);
console.log(
  `  time ${best.toFixed(1)}–${worst.toFixed(1)} s over ${RUNS} run(s); peak RSS ${mb(peak.rss)} (maxRSS ${mb(maxRss)}), peak heap used ${mb(peak.heap)}; ` +
    `statements per run ${runs[0]!.statements} (1 to list the people + ${runs[0]!.batches} batches × ≤ 15)`,
);
if (set.people >= 50_000 && set.entries >= 10_000_000) {
  const holds = worst <= TARGET.seconds && maxRss <= TARGET.bytes;
  console.log(`  target ≤ ${TARGET.seconds} s and ≤ 1 GB at 50,000 people / 10,000,000 entries: worst ${worst.toFixed(1)} s, maxRSS ${mb(maxRss)} — ${holds ? 'holds ✔' : 'does NOT hold ✘'}`);
}
}

if (!values['no-explain']) {
  // One batch's statements (the first batch holds the archive's people only by chance; the
  // control lists are explained from a composition for everyone in the archive).
  const ids = (await rowsOf<{ id: string }>(`SELECT id::text AS id FROM person WHERE active ORDER BY id LIMIT $1`, [BATCH])).map((row) => row.id);
  const archivists = (await rowsOf<{ id: string }>(`SELECT DISTINCT person_id::text AS id FROM role_assignment WHERE role IN ('arkivet', 'arkivansvarlig')`)).map((row) => row.id);
  recording = [];
  await composeDailyCards(database.prisma, archive, { ...options, personIds: [...ids, ...archivists] });
  const recorded = recording;
  recording = null;
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the ${recorded.length} statements of one batch (${ids.length + archivists.length} people):`);
  for (const statement of recorded) {
    const rows = await rowsOf<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
      statement.values,
    );
    const plan = rows[0]!['QUERY PLAN'][0];
    const nodes: PlanNode[] = [];
    const walk = (node: PlanNode) => {
      nodes.push(node);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan.Plan);
    const indexes = [...new Set(nodes.filter((node) => node['Index Name']).map((node) => `${node['Node Type'] === 'Index Only Scan' ? 'index-only ' : node['Node Type'] === 'Bitmap Index Scan' ? 'bitmap ' : ''}${node['Index Name']}`))];
    const seqScans = [...new Set(nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']))];
    const sorts = nodes.filter((node) => node['Node Type'] === 'Sort').length;
    const heapFetches = nodes.reduce((sum, node) => sum + (node['Heap Fetches'] ?? 0), 0);
    const what = describe(statement.text);
    console.log(
      `  ${what.padEnd(28)} ${plan['Execution Time'].toFixed(1).padStart(8)} ms  rows ${String(plan.Plan['Actual Rows']).padStart(6)}  ` +
        `buffers hit ${plan.Plan['Shared Hit Blocks'] ?? 0} read ${plan.Plan['Shared Read Blocks'] ?? 0}  ` +
        `indexes: ${indexes.join(', ') || '—'}${seqScans.length ? `; seq scan: ${seqScans.join(', ')}` : ''}${sorts ? `; ${sorts} sort(s)` : ''}${heapFetches ? `; heap fetches ${heapFetches}` : ''}`,
    );
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Heap Fetches'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** Which read a statement is, by what it asks. */
function describe(text: string): string {
  const is = (pattern: RegExp) => pattern.test(text);
  if (is(/FROM person p\s+LEFT JOIN role_assignment/)) return 'people and roles';
  if (is(/FROM absence/) && !is(/FROM unit u/)) return 'away';
  if (is(/FROM unit u/)) return 'acting leaders';
  if (is(/kept\."list"/)) return is(/e\.needs_due_date/) ? 'control lists: entries' : 'control lists: cases';
  if (is(/count\(\*\)::int AS "count"/)) return 'unit backlog counts';
  if (is(/s\.flytstatus = 'V'/)) return 'approvals waiting';
  if (is(/d\.receipted_at IS NULL/)) return 'decisions to follow up';
  if (is(/c\.obs_date <=/)) return 'OBS cases';
  if (is(/e\.access_code = 'XX'/)) return is(/owner_unit/) ? 'unit screening (XX)' : 'own screening (XX)';
  if (is(/e\.caseworker_id IS NULL/)) return 'unassigned (units)';
  if (is(/e\.assigned_at >=/)) return 'inbox';
  if (is(/e\.due_date <=/)) return 'due list';
  if (is(/e\.status = 'R'/)) return 'drafts';
  if (is(/e\.caseworker_id/)) return 'backlog';
  return text.replace(/\s+/g, ' ').slice(0, 28);
}

pool.query = poolQuery;
await database.close();
