/**
 * How fast is the support desk when many people use it at once? Runs the whole app in-process
 * against the fake connector, with an organisation of its own (a requester and a first-line
 * person for every concurrent person), and measures at 1, 10 and 50 concurrent people:
 *   - intake: from POSTing a `support.intake.submit` invoke to the moment the fake connector
 *     receives the henvendelse's card in the first line's queue channel (sent by the outbox), and
 *     the submit's own round trip;
 *   - «Ta henvendelsen»: the round trip of the `support.take` invoke, each person taking a
 *     different henvendelse;
 *   - separately, that many people pressing «Ta» on the SAME henvendelse: exactly one must win.
 * The baseline, measured in the same run on the same server at the same concurrency, is a bare
 * echo turn: a bench-only route (registered here, not in the product) that answers a message
 * with one sendActivity, timed from the POST to /api/messages to its 200.
 * Runs on the embedded PostgreSQL and on a PostgreSQL server (a database of its own on
 * BENCH_DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432/test), one after the other.
 *
 *   npx tsx bench/support.ts [--rounds N] [--concurrency 1,10,50] [--only-embedded | --only-postgres] [--quick]
 * --quick: 2 rounds at 1 and 10 (for development). Target: p99 of «Ta» at 50 ≤ 3× the echo's p99 at 50.
 *
 * Each round starts in a queue channel of its own (`koble kø førstelinje` there moves the queue):
 * the outbox keeps Teams' per-conversation windows (7/s, 8/2 s, 60/30 s), so the updates the
 * previous round's «Ta» left for its channel would otherwise stand in front of this round's cards.
 * Within a round those windows are what intake at 50 waits for; the table prints the floor they set.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { startArkivlos } from '../app.js';
import { ROUTES } from '../bot/application.js';
import { CONVERSATION_WINDOWS, earliestSlot, tenantWindows } from '../domain/delivery/limits.js';
import { importOrganisation } from '../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../domain/org/org-file.js';
import { translator } from '../i18n/index.js';
import { loadConfig } from '../infra/config.js';
import type { Database } from '../infra/database.js';
import { createLogger } from '../infra/logger.js';
import { applyMigrations } from '../infra/migrate.js';
import { actionExecuteActivity, channelMessageActivity, messageActivity, type ActivityOptions, type TestUser } from '../test/support/activities.js';
import { startFakeConnector, type FakeConnector, type SentActivity } from '../test/support/fake-connector.js';
import { onBenchDatabases } from './bench-database.js';
import { activityPoster, registerEcho, summary } from './turns.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'only-embedded': { type: 'boolean', default: false },
    'only-postgres': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds ?? (values.quick ? 2 : 10));
const LEVELS = (values.concurrency ?? (values.quick ? '1,10' : '1,10,50')).split(',').map(Number);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds is a whole number ≥ 1');
if (LEVELS.some((level) => !Number.isInteger(level) || level < 1)) throw new Error('--concurrency is a list of whole numbers ≥ 1, e.g. 1,10,50');
const PEOPLE = Math.max(...LEVELS);
const TARGET = { concurrency: 50, ratio: 3 };

const TEAM = '19:bench-team-general@thread.tacv2';
const TAKEN = translator('nb')('channel.notice.taken');
const ANSWERS = {
  who: 'Arkivet',
  result: 'Journalposten ligger i riktig sak',
  category: 'flytte_kopiere_rette',
  urgency: 'hoy',
  reference: '2026/1234-3',
};

/** `PEOPLE` caseworkers who ask, and `PEOPLE` people in the archive (the first line) who take. */
function organisation() {
  const person = (kind: string, i: number) => ({
    aadObjectId: `00000000-0000-4000-${kind === 'arkiv' ? '8000' : '9000'}-${String(i).padStart(12, '0')}`,
    name: `${kind === 'arkiv' ? 'Arkivar' : 'Saksbehandler'} ${i}`,
    email: `${kind}${i}@bench.no`,
  });
  const requesters = Array.from({ length: PEOPLE }, (_, i) => ({ ...person('sb', i), unit: 'OKO', roles: ['saksbehandler'] }));
  const archive = Array.from({ length: PEOPLE }, (_, i) => ({ ...person('arkiv', i), unit: 'DOKU', roles: ['arkivet'] }));
  const file = stringify({
    organisation: 'Bench kommune',
    units: [
      { code: 'DOKU', name: 'Dokumentsenteret', leader: archive[0]!.email },
      { code: 'OKO', name: 'Økonomiavdelingen', leader: requesters[0]!.email },
    ],
    people: [...requesters, ...archive],
  });
  const users = (list: { aadObjectId: string; name: string }[]): TestUser[] => list.map(({ aadObjectId, name }) => ({ aadObjectId, name }));
  return { file, requesters: users(requesters), archive: users(archive) };
}

/** When the last of `cards` cards to one idle channel could reach Teams at the earliest, by its windows and the tenant's. */
function channelFloorMs(cards: number, tenantRps: number): number {
  let channel: number[] = [];
  let tenant: number[] = [];
  let t = 0;
  for (let i = 0; i < cards; i++) {
    t = earliestSlot([{ log: channel, windows: CONVERSATION_WINDOWS }, { log: tenant, windows: tenantWindows(tenantRps) }], 0);
    channel = [...channel, t].sort((a, b) => a - b);
    tenant = [...tenant, t].sort((a, b) => a - b);
  }
  return t;
}

/** Every object in a card with `verb` (its actions, nested ones too). */
function actionData(card: unknown, verb: string): Record<string, unknown> | undefined {
  if (Array.isArray(card)) {
    for (const item of card) {
      const found = actionData(item, verb);
      if (found) return found;
    }
  } else if (typeof card === 'object' && card !== null) {
    const record = card as Record<string, unknown>;
    if (record.verb === verb) return record.data as Record<string, unknown>;
    for (const value of Object.values(record)) {
      const found = actionData(value, verb);
      if (found) return found;
    }
  }
  return undefined;
}

interface Measured {
  echo: number[];
  submit: number[];
  intake: number[];
  take: number[];
  race?: { people: number; won: number; toldWhoHasIt: number; takenEvents: number; ms: number[] };
}

async function runOn(database: Database, label: string) {
  await applyMigrations(database.pool);
  const org = organisation();
  await importOrganisation(database.prisma, parseOrganisationFile(org.file, 'bench.yaml'), { actor: 'bench' });
  const connector: FakeConnector = await startFakeConnector();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DEMO_DATA: 'off', TEAMS_SERVICE_URL: connector.url });
  const arkivlos = await startArkivlos({ config, logger: createLogger('silent'), database, routes: [registerEcho, ...ROUTES] });
  const { prisma } = database;

  const post = activityPoster(arkivlos.url);
  const personal = (user: TestUser): ActivityOptions => ({ serviceUrl: connector.url, user });
  let channelCount = 0;
  let channel = '';
  /** A fresh channel becomes the first line's queue (the queue moves there). */
  const newQueueChannel = async () => {
    channel = `19:bench-queue-${++channelCount}@thread.tacv2`;
    await post(channelMessageActivity('koble kø førstelinje', { serviceUrl: connector.url, user: org.archive[0]!, channelId: channel, teamId: TEAM }));
    const bound = await prisma.queueChannel.findFirst({ where: { line: 'forstelinje' } });
    if (bound?.conversationId !== channel) throw new Error(`the first line's queue is not in ${channel}`);
  };
  const inChannel = (user: TestUser): ActivityOptions => ({ serviceUrl: connector.url, user, conversationType: 'channel', conversationId: channel });

  let marker = 0;
  /** `people` submit a henvendelse each at once; resolves when every card is in the queue channel. */
  const intakeRound = async (people: readonly TestUser[]) => {
    const seen = connector.sent.length;
    const submissions = await Promise.all(
      people.map(async (user) => {
        const tag = `[bench ${++marker}]`;
        const started = performance.now();
        const { ms, body } = await post(
          actionExecuteActivity('support.intake.submit', { intakeKey: randomUUID(), what: `Flytte journalpost 2026/1234-3 til sak 2026/1240 ${tag}`, ...ANSWERS }, personal(user)),
        );
        // An intake card back (problems named) instead of the confirmation would mean nothing was stored.
        if (actionData(body, 'support.intake.submit')) throw new Error(`the submit was refused: ${JSON.stringify(body)}`);
        return { tag, started, ms };
      }),
    );
    const cards = new Map<string, SentActivity>();
    const deadline = performance.now() + 120_000;
    for (let next = seen; cards.size < submissions.length; ) {
      for (; next < connector.sent.length; next++) {
        const sent = connector.sent[next]!;
        if (sent.method !== 'POST' || sent.conversationId !== channel || !sent.body.attachments) continue;
        const tag = /\[bench \d+\]/.exec(JSON.stringify(sent.body))?.[0];
        if (tag) cards.set(tag, sent);
      }
      if (performance.now() > deadline) throw new Error(`${cards.size} of ${submissions.length} cards reached the queue channel in 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return submissions.map(({ tag, started, ms }) => {
      const card = cards.get(tag)!;
      const data = actionData(card.body.attachments, 'support.take');
      if (!data) throw new Error('the queue card has no «Ta henvendelsen»');
      return { submitMs: ms, intakeMs: card.at - started, take: data };
    });
  };
  /** Each of `people` presses «Ta» on the henvendelse of the same index, all at once. */
  const takeRound = async (people: readonly TestUser[], cards: readonly Record<string, unknown>[]) =>
    Promise.all(
      cards.map(async (data, i) => {
        const { ms, body } = await post(actionExecuteActivity('support.take', data, inChannel(people[i]!)));
        return { ms, taken: JSON.stringify(body).includes(TAKEN) };
      }),
    );
  const echoRound = async (people: readonly TestUser[]) => {
    const seen = connector.sent.length;
    const ms = await Promise.all(people.map(async (user, i) => (await post(messageActivity(`bench echo ${i}`, personal(user)))).ms));
    // The echo is sent within the turn: by the 200 the connector has it.
    const echoed = connector.sent.slice(seen).filter((sent) => sent.body.text?.startsWith('bench echo')).length;
    if (echoed !== people.length) throw new Error(`${echoed} of ${people.length} echoes reached the connector`);
    return ms;
  };
  /** The status cards «Ta» sends the requesters (through the outbox): waited for, so a round's intake does not share the tenant's pace with them. */
  const requesterCardsSince = (from: number) => connector.sent.slice(from).filter((sent) => sent.conversationId.startsWith('a:')).length;
  const waitForRequesterCards = async (from: number, count: number) => {
    const deadline = performance.now() + 120_000;
    while (requesterCardsSince(from) < count) {
      if (performance.now() > deadline) throw new Error(`${requesterCardsSince(from)} of ${count} status cards reached the requesters in 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  // Warm up: JIT, the pool's connections, Prisma's query plans.
  await newQueueChannel();
  for (let i = 0; i < 5; i++) {
    await echoRound(org.requesters.slice(0, 1));
    const [card] = await intakeRound(org.requesters.slice(0, 1));
    await takeRound(org.archive.slice(0, 1), [card!.take]);
  }

  const results = new Map<number, Measured>();
  for (const level of LEVELS) {
    const requesters = org.requesters.slice(0, level);
    const archive = org.archive.slice(0, level);
    const measured: Measured = { echo: [], submit: [], intake: [], take: [] };
    for (let round = 0; round < ROUNDS; round++) {
      await newQueueChannel();
      measured.echo.push(...(await echoRound(requesters)));
      const cards = await intakeRound(requesters);
      measured.submit.push(...cards.map((card) => card.submitMs));
      measured.intake.push(...cards.map((card) => card.intakeMs));
      const before = connector.sent.length;
      const takes = await takeRound(archive, cards.map((card) => card.take));
      const refused = takes.filter((take) => !take.taken).length;
      if (refused) throw new Error(`${refused} of ${level} «Ta» on different henvendelser did not get theirs`);
      measured.take.push(...takes.map((take) => take.ms));
      await waitForRequesterCards(before, level);
    }
    if (level > 1) {
      // `level` people press «Ta» on one henvendelse at the same moment: exactly one may get it.
      await newQueueChannel();
      const [card] = await intakeRound(requesters.slice(0, 1));
      const takes = await Promise.all(archive.map((user) => post(actionExecuteActivity('support.take', card!.take, inChannel(user)))));
      const requestId = String(card!.take.requestId);
      const stored = await prisma.supportRequest.findUniqueOrThrow({ where: { id: requestId }, include: { assignee: true } });
      const alreadyTaken = translator('nb')('channel.notice.alreadyTaken', { name: stored.assignee?.name ?? '?' });
      measured.race = {
        people: level,
        won: takes.filter(({ body }) => JSON.stringify(body).includes(TAKEN)).length,
        toldWhoHasIt: takes.filter(({ body }) => JSON.stringify(body).includes(alreadyTaken)).length,
        takenEvents: await prisma.supportEvent.count({ where: { requestId, kind: 'taken' } }),
        ms: takes.map((take) => take.ms),
      };
    }
    results.set(level, measured);
  }

  await arkivlos.stop();
  await connector.close();
  return { label, results, tenantRps: config.TEAMS_TENANT_RPS };
}

function print({ label, results, tenantRps }: Awaited<ReturnType<typeof runOn>>) {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(11);
  console.log(`\n${label}`);
  console.log(`  ${'scenario'.padEnd(42)} ${'people'.padStart(6)} ${'n'.padStart(5)} ${'p50'.padStart(11)} ${'p99'.padStart(11)}   p99 ÷ echo p99`);
  for (const [level, measured] of results) {
    const echo = summary(measured.echo);
    const row = (name: string, samples: readonly number[], note = '') => {
      const s = summary(samples);
      console.log(`  ${name.padEnd(42)} ${String(level).padStart(6)} ${String(s.n).padStart(5)} ${ms(s.p50)} ${ms(s.p99)}   ${(s.p99 / echo.p99).toFixed(1).padStart(6)}×${note}`);
    };
    row('echo turn (baseline)', measured.echo);
    row('intake: submit answered', measured.submit);
    row('intake: submit → card in queue channel', measured.intake, `   (the outbox's pace for Teams' windows alone: last card ≥ ${channelFloorMs(level, tenantRps).toFixed(0)} ms)`);
    row('«Ta henvendelsen» (different henvendelser)', measured.take);
    if (measured.race) {
      const { people, won, toldWhoHasIt, takenEvents } = measured.race;
      const ok = won === 1 && toldWhoHasIt === people - 1 && takenEvents === 1;
      const race = summary(measured.race.ms);
      console.log(
        `  race: ${people} people press «Ta» on ONE henvendelse at once: ${won} got it, ${toldWhoHasIt} were told who has it, ${takenEvents} taken event(s) — ${ok ? 'exactly one wins ✔' : 'NOT exactly one ✘'}   (p50 ${race.p50.toFixed(1)} ms, p99 ${race.p99.toFixed(1)} ms)`,
      );
    }
  }
  const at = results.get(TARGET.concurrency);
  if (!at) {
    console.log(`  target (p99 «Ta» at ${TARGET.concurrency} ≤ ${TARGET.ratio}× echo p99 at ${TARGET.concurrency}): not measured (${TARGET.concurrency} not in --concurrency)`);
  } else {
    const ratio = summary(at.take).p99 / summary(at.echo).p99;
    console.log(`  target p99 «Ta» at ${TARGET.concurrency} ≤ ${TARGET.ratio}× echo p99 at ${TARGET.concurrency}: ${ratio.toFixed(2)}× — ${ratio <= TARGET.ratio ? 'holds ✔' : 'does NOT hold ✘'}`);
  }
}

console.log(`bench support (${ROUNDS} rounds at ${LEVELS.join(', ')} concurrent people; load average ${loadavg()[0]!.toFixed(1)} at start)`);
await onBenchDatabases({ embedded: values['only-embedded'], postgres: values['only-postgres'] }, async (database, label) => print(await runOn(database, label)));
console.log(`\nload average ${loadavg()[0]!.toFixed(1)} at the end`);
