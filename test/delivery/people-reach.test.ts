import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { createTestDatabase } from '../support/database.js';
import { startLimitedConnector, type LimitedConnector } from '../support/limited-connector.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const SIGRID = '4c70f70d-c03a-4145-b03e-53c56d1096c9';
const SIGRID_NOT_INSTALLED = '  Sigrid Dahl <sigrid.dahl@eksempel.kommune.no>: appen er ikke installert for personen';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
type Run = { code: number; stdout: string; stderr: string };

/** The count a report line gives, e.g. `  Chat opprettet:       16`. */
const countIn = (stdout: string, label: string) => Number(new RegExp(`^ {2}${label}: +(\\d+)$`, 'm').exec(stdout)?.[1]);

describe('npm run people:reach and npm run outbox:status, against a connector that enforces Teams’ limits', () => {
  let db: TestDatabase;
  let connector: LimitedConnector;
  let activePeople: number;

  /** A CLI as npm runs it, on this file's database and the limited connector. */
  const runCli = (script: string, args: string[] = [], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', `scripts/${script}`, ...args],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url, TEAMS_SERVICE_URL: connector.url, BOT_TENANT_ID: TENANT, ...env } },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  const chat = (aadObjectId: string) =>
    db.prisma.conversationReference.create({
      data: { conversationId: `a:own-${aadObjectId}`, scope: 'personal', aadObjectId, tenantId: TENANT, serviceUrl: connector.url, reference: {} },
    });
  const creates = () => connector.accepted.filter((call) => call.kind === 'create');

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationIfEmpty(db.prisma);
    activePeople = await db.prisma.person.count({ where: { active: true } });
    connector = await startLimitedConnector({ defaultTenantId: TENANT });
  });
  afterAll(async () => {
    await connector?.close();
    await db?.close();
  });
  beforeEach(async () => {
    connector.clear();
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.deliveryPace.deleteMany();
    await db.prisma.conversationReference.deleteMany();
    await db.prisma.person.updateMany({ data: { unreachableAt: null, unreachableReason: null } });
    // Alex and Megan have opened the bot already.
    await chat(ALEX);
    await chat(MEGAN);
  });

  it('creates a chat for everyone without one, within Teams’ limits, and reports the person Teams refuses as not installed', async () => {
    connector.failNext(1, { status: 403, kind: 'create', conversationId: `a:conv-${SIGRID}` });

    const run = await runCli('people-reach.ts');

    expect(run.code, run.stderr).toBe(0);
    const toReach = activePeople - 2;
    expect(run.stdout).toContain(`Nå alle: ${toReach} personer uten personlig chat med Arkivlos.`);
    expect(countIn(run.stdout, 'Chat opprettet')).toBe(toReach - 1);
    expect(countIn(run.stdout, 'Hadde chat fra før')).toBe(2);
    expect(countIn(run.stdout, 'Kan ikke nås')).toBe(1);
    expect(run.stdout.split('\n')).toContain(SIGRID_NOT_INSTALLED);

    expect(creates()).toHaveLength(toReach - 1);
    expect(new Set(creates().map((call) => call.conversationId)).size).toBe(toReach - 1);
    expect(creates().map((call) => call.conversationId)).not.toContain(`a:conv-${ALEX}`);
    expect(connector.failed.map((call) => [call.kind, call.status, call.conversationId])).toEqual([['create', 403, `a:conv-${SIGRID}`]]);
    expect(connector.stats()).toMatchObject({ throttled: { conversation: 0, tenant: 0 }, retryAfterViolations: 0 });
    expect(await db.prisma.conversationReference.count({ where: { scope: 'personal' } })).toBe(activePeople - 1);
    expect(await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: SIGRID } })).toMatchObject({ unreachableReason: 'not_installed' });
  }, 60_000);

  it('a later run tries again whoever Teams refused before; once the app is installed for them, their chat is created (report in English)', async () => {
    connector.failNext(1, { status: 403, kind: 'create', conversationId: `a:conv-${SIGRID}` });
    expect((await runCli('people-reach.ts')).stdout.split('\n')).toContain(SIGRID_NOT_INSTALLED);
    connector.clear();

    const run = await runCli('people-reach.ts', ['--lang', 'en']);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Reach everyone: 1 person without a personal chat with Arkivlos.');
    expect(countIn(run.stdout, 'Chats created')).toBe(1);
    expect(countIn(run.stdout, 'Already had a chat')).toBe(activePeople - 1);
    expect(countIn(run.stdout, 'Cannot be reached')).toBe(0);
    expect(creates().map((call) => call.conversationId)).toEqual([`a:conv-${SIGRID}`]);
    expect(await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: SIGRID } })).toMatchObject({ unreachableAt: null });

    const nothingLeft = await runCli('people-reach.ts');
    expect(nothingLeft).toMatchObject({ code: 0, stdout: `Alle ${activePeople} aktive personer har allerede en personlig chat med Arkivlos. Ingenting å gjøre.\n` });
  }, 90_000);

  it('two runs started at once create each chat once between them, and both report the person Teams refused', async () => {
    connector.failNext(1, { status: 403, kind: 'create', conversationId: `a:conv-${SIGRID}` });

    const runs = await Promise.all([runCli('people-reach.ts'), runCli('people-reach.ts')]);

    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.split('\n')).toContain(SIGRID_NOT_INSTALLED);
    }
    const conversations = creates().map((call) => call.conversationId);
    expect(conversations).toHaveLength(activePeople - 3);
    expect(new Set(conversations).size).toBe(conversations.length);
    expect(connector.failed).toHaveLength(1);
    expect(connector.stats()).toMatchObject({ throttled: { conversation: 0, tenant: 0 }, retryAfterViolations: 0 });
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'reach' } })).toBe(activePeople - 2);
  }, 90_000);

  it('bad arguments, a bad setting and a database that cannot be opened: a clear message, exit code 1, nothing queued', async () => {
    const runs = await Promise.all([
      runCli('people-reach.ts', ['--lang', 'de']),
      runCli('people-reach.ts', ['everyone']),
      runCli('people-reach.ts', [], { TEAMS_TENANT_RPS: '500' }),
      runCli('people-reach.ts', [], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }),
    ]);
    expect(runs.map((run) => run.code)).toEqual([1, 1, 1, 1]);
    expect(runs[0]!.stderr).toBe('Ukjent språk «de»; velg nb eller en.\nBruk: npm run people:reach -- [--lang nb|en]\n');
    expect(runs[1]!.stderr).toBe('Bruk: npm run people:reach -- [--lang nb|en]\n');
    expect(runs[2]!.stderr).toContain('TEAMS_TENANT_RPS must be a whole number of requests per second from 1 to 50');
    expect(runs[3]!.stderr).toMatch(/^Kunne ikke åpne databasen, og ingenting er endret: /);
    expect(runs.map((run) => run.stdout)).toEqual(['', '', '', '']);
    expect(await db.prisma.outboxMessage.count()).toBe(0);
    expect(creates()).toEqual([]);
  }, 60_000);

  it('npm run outbox:status prints what the status card shows, in bokmål or English, names of people Teams refuses included', async () => {
    const alex = await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: ALEX } });
    await db.prisma.outboxMessage.createMany({
      data: [
        { personId: alex.id, activity: { type: 'message' }, nextAttemptAt: new Date(Date.now() + 3_600_000) },
        { personId: alex.id, activity: { type: 'message' }, state: 'failed', lastError: '413 MessageSizeTooBig' },
        { personId: alex.id, activity: { type: 'message' }, state: 'failed', lastError: '413 MessageSizeTooBig' },
      ],
    });
    await db.prisma.person.update({ where: { aadObjectId: SIGRID }, data: { unreachableAt: new Date(), unreachableReason: 'not_installed' } });

    const [nb, en, bad] = await Promise.all([runCli('outbox-status.ts'), runCli('outbox-status.ts', ['--lang', 'en']), runCli('outbox-status.ts', ['--lang', 'se'])]);

    expect(nb.code, nb.stderr).toBe(0);
    const lines = nb.stdout.split('\n');
    expect(lines[0]).toBe('Status for utsending');
    expect(countIn(nb.stdout, 'Venter til senere')).toBe(1);
    expect(countIn(nb.stdout, 'Skal sendes nå')).toBe(0);
    expect(lines).toContain('Feilet: 2');
    expect(lines.some((line) => line.startsWith('  - 2 × 413 MessageSizeTooBig (sist '))).toBe(true);
    expect(lines).toContain('Kan ikke nås: 1');
    expect(lines).toContain('  - Sigrid Dahl (sigrid.dahl@eksempel.kommune.no): appen er ikke installert for personen');
    expect(lines).toContain('  0 kall til Teams siste minutt, høyst 0 i løpet av ett sekund. Tillatt: 30 per sekund for hele organisasjonen.');

    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout.split('\n')).toEqual(expect.arrayContaining(['Delivery status', 'Failed: 2', 'Cannot be reached: 1']));
    expect(countIn(en.stdout, 'Waiting until later')).toBe(1);

    expect(bad).toMatchObject({ code: 1, stdout: '', stderr: 'Ukjent språk «se»; velg nb eller en.\nBruk: npm run outbox:status -- [--lang nb|en]\n' });
  }, 60_000);
});
