/**
 * `npm run digests:send` as a child process, without a running bot, against a connector that
 * enforces Teams' limits: it queues the day's cards, sends them itself, reports the counts and who
 * cannot be reached, and returns when they are settled; two started at once send each card once.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARCHIVE_TODAY, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase } from '../support/database.js';
import { createPersonWithRole, seedDailyWork } from '../support/daily.js';
import { startLimitedConnector, type LimitedConnector } from '../support/limited-connector.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
type Run = { code: number; stdout: string; stderr: string };

/** The count a report line gives, e.g. `  Sendt:       16`. */
const countIn = (stdout: string, label: string) => Number(new RegExp(`^ {2}${label}: +(\\d+)$`, 'm').exec(stdout)?.[1]);

describe('npm run digests:send', () => {
  let db: TestDatabase;
  let connector: LimitedConnector;
  const teams: Team[] = [];
  let withWork: { id: string; aadObjectId: string; name: string }[] = [];
  let people: number;

  const runCli = (args: string[] = []): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/digests-send.ts', ...args],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url, TEAMS_SERVICE_URL: connector.url, BOT_TENANT_ID: TENANT, LOG_LEVEL: 'silent' } },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  /** The cards the connector accepted, by the conversation they went to. */
  const cardsSent = () => connector.accepted.filter((call) => call.kind === 'send' && JSON.stringify(call.body.attachments ?? []).includes('Mine oppgaver'));

  beforeAll(async () => {
    db = await createTestDatabase();
    connector = await startLimitedConnector({ defaultTenantId: TENANT });
    const topApprover = await createPersonWithRole(db.prisma, 'Rådmann', 'toppgodkjenner');
    for (let index = 0; index < 4; index += 1) {
      const team = await createTeam(db.prisma, `Enhet ${index}`);
      await seedDailyWork(db.prisma, team, { topApproverId: topApprover.id });
      teams.push(team);
    }
    // Someone with nothing to do gets nothing.
    await db.prisma.person.create({ data: { aadObjectId: crypto.randomUUID(), name: 'Ledig Person', email: 'ledig@eksempel.kommune.no' } });
    people = await db.prisma.person.count({ where: { active: true } });
    // Among those with something to do: the top approver, every leader and every caseworker.
    withWork = [topApprover, ...teams.flatMap((team) => [team.leader, team.caseworker])];
    // Everyone but the first leader has opened the bot: the outbox creates that one chat.
    for (const person of await db.prisma.person.findMany({ where: { id: { not: teams[0]!.leader.id } } })) {
      await db.prisma.conversationReference.create({
        data: { conversationId: `a:own-${person.aadObjectId}`, scope: 'personal', aadObjectId: person.aadObjectId, tenantId: TENANT, serviceUrl: connector.url, reference: {} },
      });
    }
  }, 120_000);
  afterAll(async () => {
    await connector?.close();
    await db?.close();
  });
  beforeEach(() => connector.clear());

  it('queues and sends the day’s cards with or without a bot, reports the counts and whom it cannot reach, and a second run sends nothing', async () => {
    // The first leader's chat cannot be created: Teams says the app is not installed for them.
    connector.failNext(1, { status: 403, kind: 'create' });
    const run = await runCli(['--date', ARCHIVE_TODAY]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Oppgavekort for ${ARCHIVE_TODAY}: ${people} aktive personer.`);
    const queued = countIn(run.stdout, 'Satt i kø nå');
    expect(queued).toBeGreaterThanOrEqual(withWork.length);
    expect(countIn(run.stdout, 'Var allerede i kø')).toBe(0);
    expect(countIn(run.stdout, 'Ingenting å gjøre')).toBe(people - queued);
    expect(countIn(run.stdout, 'Sendt')).toBe(queued - 1);
    expect(countIn(run.stdout, 'Kan ikke nås')).toBe(1);
    expect(run.stdout).toContain(`  ${teams[0]!.leader.name} <`);
    expect(run.stdout).toContain('appen er ikke installert for personen');

    // Returned when the cards were sent: one each, to everyone with work but the unreachable leader.
    const sent = cardsSent();
    expect(sent).toHaveLength(queued - 1);
    expect(new Set(sent.map((call) => call.conversationId)).size).toBe(queued - 1);
    for (const person of withWork) {
      if (person.id === teams[0]!.leader.id) continue;
      expect(sent.map((call) => call.conversationId)).toContain(`a:own-${person.aadObjectId}`);
    }
    expect(connector.stats()).toMatchObject({ throttled: { conversation: 0, tenant: 0 }, retryAfterViolations: 0 });

    connector.clear();
    const again = await runCli(['--date', ARCHIVE_TODAY, '--lang', 'en']);
    expect(again.code, again.stderr).toBe(0);
    expect(countIn(again.stdout, 'Queued now')).toBe(0);
    expect(countIn(again.stdout, 'Already queued')).toBe(queued);
    expect(cardsSent()).toHaveLength(0);
  }, 120_000);

  it('two started at once send each card once, on a Saturday too', async () => {
    const saturday = '2026-11-28';
    const [a, b] = await Promise.all([runCli(['--date', saturday]), runCli(['--date', saturday])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stderr).toContain('2026-11-28 er ingen arbeidsdag; kortene sendes likevel');
    const queued = countIn(a.stdout, 'Satt i kø nå') + countIn(b.stdout, 'Satt i kø nå');
    expect(queued).toBe(countIn(a.stdout, 'Satt i kø nå') + countIn(a.stdout, 'Var allerede i kø'));
    expect(await db.prisma.outboxMessage.count({ where: { idempotencyKey: { endsWith: `:${saturday}` } } })).toBe(queued);
    // Each reports the day as it stands when it returns: everything settled, nothing pending.
    for (const run of [a, b]) expect(countIn(run.stdout, 'Sendt') + countIn(run.stdout, 'Kan ikke nås')).toBe(queued);
    const sent = cardsSent();
    expect(new Set(sent.map((call) => call.conversationId)).size).toBe(sent.length);
    expect(connector.stats()).toMatchObject({ throttled: { conversation: 0, tenant: 0 }, retryAfterViolations: 0 });
  }, 120_000);

  it('refuses a date that is not one, and changes nothing', async () => {
    const run = await runCli(['--date', '2026-02-30']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('«2026-02-30» er ikke en dato på formen ÅÅÅÅ-MM-DD.');
    expect(await db.prisma.outboxMessage.count({ where: { idempotencyKey: { endsWith: ':2026-02-30' } } })).toBe(0);
  }, 60_000);
});
