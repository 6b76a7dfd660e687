/**
 * How fast are the votes of a busy spørretime counted? Runs the whole app in-process against the
 * fake connector, with an organisation of its own (200 people and a moderator). Each round is a
 * session of its own, in a channel of its own, open and with its card posted, holding 50
 * questions (asked by the first 50 people, through the domain functions); then every one of the
 * 200 people clicks «Stem» on several questions through /api/messages (Action.Execute), in waves
 * of `--concurrency` at once, and every tenth person then withdraws one vote («Trekk stemme»).
 * Each click is answered with the session card as it is now, and the posted card is updated for
 * everyone through the outbox.
 *
 * It prints, per round: the votes and the wall time until the last was answered (a vote is
 * counted when it is answered: one statement outside a transaction), after which the counts in
 * the database are checked against the distinct voters the plan says (it fails loudly if one
 * differs); the time until the posted card is current (the outbox settled, and the card Teams was
 * last sent is the card as it is now). Over all rounds: p50/p99 of a vote and of a withdrawal, the
 * echo turn's p50/p99 at the same concurrency (bench/turns.ts, measured in the same rounds), the
 * ratio, and the CPU each turn costs (this process + the database's backends; unlike p99, the load
 * of other work on the machine hardly moves it). Runs on the embedded PostgreSQL and on a
 * PostgreSQL server.
 *
 *   npx tsx bench/qa.ts [--rounds N] [--votes N] [--concurrency N] [--only-embedded | --only-postgres]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { startArkivlos } from '../app.js';
import { ROUTES } from '../bot/application.js';
import { QA_SESSION_VERBS } from '../cards/qa-session-card.js';
import { sql } from '../domain/db.js';
import { commandWord } from '../domain/help/commands.js';
import { importOrganisation } from '../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../domain/org/org-file.js';
import { createSession } from '../domain/qa/create-session.js';
import { openSession } from '../domain/qa/open-session.js';
import { postSessionCard, sessionCardNow } from '../domain/qa/session-card.js';
import { submitQuestion } from '../domain/qa/submit-question.js';
import type { QaActor } from '../domain/qa/vocabulary.js';
import { translator } from '../i18n/index.js';
import { loadConfig } from '../infra/config.js';
import type { Database } from '../infra/database.js';
import { createLogger } from '../infra/logger.js';
import { applyMigrations } from '../infra/migrate.js';
import { actionExecuteActivity, channelMessageActivity, messageActivity, type TestUser } from '../test/support/activities.js';
import { startFakeConnector } from '../test/support/fake-connector.js';
import { onBenchDatabases } from './bench-database.js';
import { activityPoster, cpuMeter, registerEcho, summary } from './turns.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    votes: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '50' },
    'only-embedded': { type: 'boolean', default: false },
    'only-postgres': { type: 'boolean', default: false },
  },
});
const PEOPLE = 200;
const QUESTIONS = 50;
const ROUNDS = Number(values.rounds);
const VOTES = Number(values.votes);
const CONCURRENCY = Number(values.concurrency);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds is a whole number ≥ 1');
if (!Number.isInteger(VOTES) || VOTES < 1 || VOTES > QUESTIONS - 1) throw new Error(`--votes (each person's votes in a round) is a whole number from 1 to ${QUESTIONS - 1}`);
if (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1) throw new Error('--concurrency (clicks at once) is a whole number ≥ 1');
/** Every tenth person withdraws their first vote of the round. */
const WITHDRAWS = (person: number) => person % 10 === 0;
const NOW = new Date();
const SETTLE_TIMEOUT_MS = 120_000;
const nb = translator('nb');

function organisation() {
  const person = (i: number, name: string, roles: string[]) => ({
    aadObjectId: `00000000-0000-4000-c000-${String(i).padStart(12, '0')}`,
    name,
    email: `qa${i}@bench.no`,
    unit: 'SP',
    roles,
  });
  const people = Array.from({ length: PEOPLE }, (_, i) => person(i, `Deltaker ${i}`, []));
  const moderator = person(PEOPLE, 'Moderator', ['moderator']);
  const file = stringify({ organisation: 'Bench kommune', units: [{ code: 'SP', name: 'Spørretime' }], people: [...people, moderator] });
  const user = ({ aadObjectId, name }: { aadObjectId: string; name: string }): TestUser => ({ aadObjectId, name });
  return { file, people: people.map(user), moderator: user(moderator) };
}

/** Person p's votes in a round: VOTES different questions, never the one they asked (person q asks question q). */
function questionsOf(person: number): number[] {
  const chosen: number[] = [];
  for (let k = 0; chosen.length < VOTES; k++) {
    const question = (person + 1 + 11 * k) % QUESTIONS; // 11 is prime to 50: k = 0…49 reach every question once
    if (question !== person) chosen.push(question);
  }
  return chosen;
}

/** The clicks of a round in order: each person's first vote, then each one's second, …; then the withdrawals. */
function plan() {
  const votes: { person: number; question: number }[] = [];
  for (let k = 0; k < VOTES; k++) for (let person = 0; person < PEOPLE; person++) votes.push({ person, question: questionsOf(person)[k]! });
  const withdrawals = Array.from({ length: PEOPLE }, (_, person) => person)
    .filter(WITHDRAWS)
    .map((person) => ({ person, question: questionsOf(person)[0]! }));
  const expected = Array.from({ length: QUESTIONS }, () => new Set<number>());
  for (const { person, question } of votes) expected[question]!.add(person);
  for (const { person, question } of withdrawals) expected[question]!.delete(person);
  return { votes, withdrawals, expected };
}

/** `items` in waves of CONCURRENCY at once, each wave after the previous has been answered. */
async function inWaves<T, R>(items: readonly T[], work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(start, start + CONCURRENCY).map((item, i) => work(item, start + i)))));
  }
  return results;
}

/** Waits until the outbox has nothing left to send, and returns when that was; throws when anything was not delivered. */
async function outboxSettled(database: Database): Promise<number> {
  const deadline = performance.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const [row] = await sql(database.prisma).rows<{ pending: number; refused: number }>`
      SELECT count(*) FILTER (WHERE state IN ('waiting', 'sending'))::int AS pending, count(*) FILTER (WHERE state IN ('failed', 'unreachable'))::int AS refused FROM outbox_message`;
    if (row!.refused > 0) throw new Error(`${row!.refused} outbox messages were not delivered (failed or unreachable)`);
    if (row!.pending === 0) return performance.now();
    if (performance.now() > deadline) throw new Error(`the outbox still has ${row!.pending} messages to send after ${SETTLE_TIMEOUT_MS / 1000} s`);
    await sleep(10);
  }
}

interface Round {
  votes: number;
  withdrawn: number;
  counted: number;
  /** From the first vote to the last vote answered. */
  votesWallMs: number;
  /** From the first vote to the posted card showing the last withdrawal. */
  cardCurrentMs: number;
  cardUpdates: number;
}

async function runOn(database: Database, label: string) {
  await applyMigrations(database.pool);
  const org = organisation();
  await importOrganisation(database.prisma, parseOrganisationFile(org.file, 'bench.yaml'), { actor: 'bench' });
  const people = await database.prisma.person.findMany({ select: { id: true, aadObjectId: true } });
  const actorOf = new Map(people.map((p): [string, QaActor] => [p.aadObjectId, { personId: p.id, aadObjectId: p.aadObjectId }]));
  const actor = (user: TestUser) => actorOf.get(user.aadObjectId)!;
  const connector = await startFakeConnector();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DEMO_DATA: 'off', TEAMS_SERVICE_URL: connector.url });
  const arkivlos = await startArkivlos({ config, logger: createLogger('silent'), database, routes: [registerEcho, ...ROUTES], now: () => NOW });
  const post = activityPoster(arkivlos.url);
  const { votes, withdrawals, expected } = plan();

  /**
   * A session of its own in a channel of its own: the moderator types «spørretime» there (so the
   * bot knows the channel, as in Teams), the session is created, 50 questions asked, its card
   * posted and the session opened; the outbox settled.
   */
  const newSession = async (channel: string) => {
    await post(channelMessageActivity(commandWord('sporretime', 'nb'), { serviceUrl: connector.url, user: org.moderator, channelId: channel }));
    const [session] = await createSession(database.prisma, {
      conversationId: channel,
      title: `Spørretime ${channel}`,
      anonymousAllowed: false,
      schedule: { once: { startsAt: new Date(NOW.getTime() - 60_000), endsAt: new Date(NOW.getTime() + 2 * 3_600_000) } },
      actor: actor(org.moderator),
      now: NOW,
    });
    const sessionId = session!.id;
    const questionIds: string[] = [];
    for (let q = 0; q < QUESTIONS; q++) {
      const asked = await submitQuestion(database.prisma, { sessionId, kind: 'question', text: `Spørsmål ${q}: hvordan gjør jeg ${q} i arkivet?`, anonymous: false, asker: actor(org.people[q]!), now: NOW });
      questionIds.push(asked.id);
    }
    await database.prisma.$transaction((tx) => postSessionCard(tx, sessionId));
    await openSession(database.prisma, { sessionId, actor: actor(org.moderator), now: NOW });
    await outboxSettled(database);
    return { sessionId, questionIds };
  };

  const inChannel = (user: TestUser, channel: string) => ({ serviceUrl: connector.url, user, conversationType: 'channel' as const, conversationId: `${channel};messageid=1764000000000` });
  const click = async (verb: string, done: string, channel: string, questionIds: readonly string[], { person, question }: { person: number; question: number }) => {
    const answer = await post(actionExecuteActivity(verb, { questionId: questionIds[question] }, inChannel(org.people[person]!, channel)));
    if (!JSON.stringify(answer.body).includes(done)) throw new Error(`${verb} by person ${person} on question ${question} was not answered with «${done}»: ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer.ms;
  };
  /** The baseline: as many echo turns as votes, from the same people (in their 1:1 chat), in the same waves. */
  const echoTurns = () => inWaves(votes, async ({ person }, i) => (await post(messageActivity(`bench echo ${i}`, { serviceUrl: connector.url, user: org.people[person]! }))).ms);

  /** The counts in the database against the distinct voters of the plan; throws on any difference. */
  const checkCounts = async (sessionId: string, questionIds: readonly string[]) => {
    const rows = await sql(database.prisma).rows<{ questionId: string; votes: number; voters: number }>`
      SELECT q.id::text AS "questionId", count(v.person_id)::int AS votes, count(DISTINCT v.person_id)::int AS voters
      FROM qa_question q LEFT JOIN qa_vote v ON v.question_id = q.id WHERE q.session_id = ${sessionId}::uuid GROUP BY q.id`;
    const byId = new Map(rows.map((row) => [row.questionId, row]));
    const wrong = questionIds.flatMap((id, q) => {
      const row = byId.get(id);
      const want = expected[q]!.size;
      return row && row.votes === want && row.voters === want ? [] : [`question ${q}: ${row?.votes ?? 'missing'} votes (${row?.voters ?? 0} distinct voters), expected ${want}`];
    });
    if (rows.length !== QUESTIONS || wrong.length > 0) throw new Error(`the votes counted are NOT the distinct voters:\n  ${wrong.join('\n  ')}`);
    return rows.reduce((sum, row) => sum + row.votes, 0);
  };

  /** The posted card (the last activity the connector got for the channel) is the card as it is now. */
  const checkPostedCard = async (sessionId: string, channel: string) => {
    const posted = connector.sent.findLast((activity) => activity.conversationId === channel && activity.body.attachments?.length);
    const now = await sessionCardNow(database.prisma, sessionId);
    // Compared as values: the outbox keeps the activity as jsonb, which orders an object's keys its own way.
    if (!isDeepStrictEqual(posted?.body.attachments?.[0]?.content, JSON.parse(JSON.stringify(now)))) throw new Error(`the posted card in ${channel} is not the card as it is now`);
  };

  const round = async (channel: string, measured: Measured | null): Promise<Round> => {
    const { sessionId, questionIds } = await newSession(channel);
    const sentBefore = connector.sent.filter((activity) => activity.conversationId === channel).length;
    const meter = cpuMeter(database.pool);
    const timed = async <T>(scenario: Scenario, work: () => Promise<T>): Promise<T> => {
      const started = await meter.start();
      const result = await work();
      const used = await started.stop();
      if (measured) {
        const cpu = measured.cpu[scenario];
        cpu.nodeMs += used.nodeMs;
        cpu.pgMs = used.pgMs === null || cpu.pgMs === null ? null : cpu.pgMs + used.pgMs;
      }
      return result;
    };
    const echo = await timed('echo', () => echoTurns());
    const started = performance.now();
    const voted = await timed('vote', () => inWaves(votes, (vote) => click(QA_SESSION_VERBS.vote, nb('qaCard.voted'), channel, questionIds, vote)));
    const votesWallMs = performance.now() - started;
    const withdrawn = await timed('withdraw', () => inWaves(withdrawals, (vote) => click(QA_SESSION_VERBS.withdraw, nb('qaCard.withdrawn'), channel, questionIds, vote)));
    const counted = await checkCounts(sessionId, questionIds);
    const cardCurrentMs = (await outboxSettled(database)) - started;
    await checkPostedCard(sessionId, channel);
    if (measured) {
      measured.echo.push(...echo);
      measured.vote.push(...voted);
      measured.withdraw.push(...withdrawn);
    }
    const cardUpdates = connector.sent.filter((activity) => activity.conversationId === channel).length - sentBefore;
    return { votes: voted.length, withdrawn: withdrawn.length, counted, votesWallMs, cardCurrentMs, cardUpdates };
  };

  await round('19:bench-qa-warm-up@thread.tacv2', null);
  const measured: Measured = { echo: [], vote: [], withdraw: [], cpu: { echo: noCpu(), vote: noCpu(), withdraw: noCpu() } };
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await round(`19:bench-qa-${r}@thread.tacv2`, measured));
  await arkivlos.stop();
  await connector.close();
  return { label, rounds, measured };
}

type Scenario = 'echo' | 'vote' | 'withdraw';
interface Measured {
  echo: number[];
  vote: number[];
  withdraw: number[];
  /** CPU used by each scenario's waves (Node, PostgreSQL's backends; null where /proc cannot tell). */
  cpu: Record<Scenario, { nodeMs: number; pgMs: number | null }>;
}
const noCpu = () => ({ nodeMs: 0, pgMs: 0 as number | null });

function print({ label, rounds, measured }: Awaited<ReturnType<typeof runOn>>) {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(11);
  const s = (value: number) => `${(value / 1000).toFixed(2)} s`;
  console.log(`\n${label}`);
  rounds.forEach((r, i) =>
    console.log(
      `  round ${i + 1}: ${r.votes} votes by ${PEOPLE} people on ${QUESTIONS} questions, all counted ${s(r.votesWallMs)} after the first (${((r.votes / r.votesWallMs) * 1000).toFixed(0)}/s); ` +
        `${r.withdrawn} withdrawn; counts = distinct voters ✔ (${r.counted}); posted card current after ${s(r.cardCurrentMs)} (${r.cardUpdates} updates sent)`,
    ),
  );
  const echo = summary(measured.echo);
  const perTurn = (scenario: Scenario, n: number) => (measured.cpu[scenario].nodeMs + (measured.cpu[scenario].pgMs ?? 0)) / n;
  const echoCpu = perTurn('echo', echo.n);
  console.log(`  ${'scenario'.padEnd(32)} ${'at once'.padStart(7)} ${'n'.padStart(5)} ${'p50'.padStart(11)} ${'p99'.padStart(11)}   p99 ÷ echo   CPU/turn node + pg   ÷ echo`);
  const row = (name: string, scenario: Scenario, samples: readonly number[]) => {
    const t = summary(samples);
    const cpu = measured.cpu[scenario];
    const split = `${(cpu.nodeMs / t.n).toFixed(1)} + ${cpu.pgMs === null ? '?' : (cpu.pgMs / t.n).toFixed(1)}`;
    console.log(
      `  ${name.padEnd(32)} ${String(Math.min(CONCURRENCY, t.n)).padStart(7)} ${String(t.n).padStart(5)} ${ms(t.p50)} ${ms(t.p99)}   ${(t.p99 / echo.p99).toFixed(2).padStart(6)}×` +
        `   ${split.padStart(13)} ms ${(perTurn(scenario, t.n) / echoCpu).toFixed(2).padStart(6)}×`,
    );
  };
  row('echo turn (baseline)', 'echo', measured.echo);
  row('«Stem» (vote + card as it is)', 'vote', measured.vote);
  row('«Trekk stemme» (withdrawal)', 'withdraw', measured.withdraw);
  const wall = rounds.map((r) => r.votesWallMs);
  console.log(`  every vote counted within ${s(Math.max(...wall))} (slowest round); p99 of a vote ${(summary(measured.vote).p99 / echo.p99).toFixed(2)}× the echo's p99 at ${CONCURRENCY} at once`);
}

console.log(
  `bench qa (${ROUNDS} rounds: ${PEOPLE} people × ${VOTES} votes on ${QUESTIONS} questions, ${CONCURRENCY} clicks at once; load average ${loadavg()[0]!.toFixed(1)} at start)`,
);
await onBenchDatabases({ embedded: values['only-embedded'], postgres: values['only-postgres'] }, async (database, label) => print(await runOn(database, label)));
console.log(`\nload average ${loadavg()[0]!.toFixed(1)} at the end`);
