import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reachPeople, readReachOutcome } from '../../domain/delivery/reach-people.js';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { createTestDatabase } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const SIGRID = '4c70f70d-c03a-4145-b03e-53c56d1096c9';
const LEFT = '00000000-0000-0000-0000-0000000000025'; // Lynne Robbins, made inactive below

describe('reachPeople', () => {
  let db: TestDatabase;
  let activePeople: number;
  const idOf = async (aadObjectId: string) => (await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId } })).id;
  const reachOf = async (aadObjectId: string) => db.prisma.outboxMessage.findUnique({ where: { idempotencyKey: `reach:${await idOf(aadObjectId)}` } });
  const chat = (aadObjectId: string, extra: { unreachableAt?: Date } = {}) =>
    db.prisma.conversationReference.create({
      data: { conversationId: `a:chat-${aadObjectId}`, scope: 'personal', aadObjectId, serviceUrl: 'https://smba.example/', reference: {}, ...extra },
    });
  /** What a worker would record: the reach ended in this state at this time. */
  const settle = async (aadObjectId: string, state: 'sent' | 'failed' | 'unreachable', at: Date) => {
    await db.prisma.outboxMessage.update({ where: { idempotencyKey: `reach:${await idOf(aadObjectId)}` }, data: { state, updatedAt: at, attempts: 3, lastError: state === 'sent' ? null : 'x' } });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationIfEmpty(db.prisma);
    await db.prisma.person.update({ where: { aadObjectId: LEFT }, data: { active: false } });
    activePeople = await db.prisma.person.count({ where: { active: true } });
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.conversationReference.deleteMany();
    await db.prisma.auditEntry.deleteMany();
    await db.prisma.person.updateMany({ data: { unreachableAt: null, unreachableReason: null } });
  });

  it('queues one reach message for each active person without a personal chat; people with a chat and people who left get none', async () => {
    await chat(ALEX);
    await chat(MEGAN, { unreachableAt: new Date() }); // blocked or removed the app: not ours to undo
    await db.prisma.conversationReference.create({
      data: { conversationId: '19:kanal@thread.skype', scope: 'channel', serviceUrl: 'https://smba.example/', reference: {} },
    });

    const result = await reachPeople(db.prisma, { since: new Date(), actor: SIGRID });

    expect(result).toMatchObject({ queued: activePeople - 2, alreadyQueued: 0, alreadyConnected: 2 });
    const messages = await db.prisma.outboxMessage.findMany({ include: { person: true } });
    expect(messages).toHaveLength(activePeople - 2);
    expect(messages.every((message) => message.kind === 'reach' && message.state === 'waiting' && message.activity === null)).toBe(true);
    expect(messages.map((message) => message.idempotencyKey).sort()).toEqual(messages.map((message) => `reach:${message.personId}`).sort());
    const reached = messages.map((message) => message.person!.aadObjectId);
    for (const left of [ALEX, MEGAN, LEFT]) expect(reached).not.toContain(left);
    expect(reached).toContain(SIGRID);
    expect(result.messageIds.sort()).toEqual(messages.map((message) => message.id).sort());
    expect(await db.prisma.auditEntry.findMany({ select: { actor: true, action: true, after: true } })).toEqual([
      { actor: SIGRID, action: 'reach', after: { queued: activePeople - 2 } },
    ]);
  });

  it('a second run stores nothing more and waits for the same messages', async () => {
    const first = await reachPeople(db.prisma, { since: new Date(), actor: 'people-reach' });
    const second = await reachPeople(db.prisma, { since: new Date(), actor: 'people-reach' });
    expect(second).toEqual({ queued: 0, alreadyQueued: first.queued, alreadyConnected: 0, messageIds: first.messageIds });
    expect(await db.prisma.outboxMessage.count()).toBe(activePeople);
    expect(await db.prisma.auditEntry.count()).toBe(1);
  });

  it('runs started at once store one message per person between them', async () => {
    const since = new Date();
    const runs = await Promise.all([1, 2, 3, 4].map(() => reachPeople(db.prisma, { since, actor: 'people-reach' })));
    expect(await db.prisma.outboxMessage.count()).toBe(activePeople);
    expect(runs.reduce((sum, run) => sum + run.queued, 0)).toBe(activePeople);
    for (const run of runs) expect(run.messageIds).toHaveLength(activePeople);
  });

  it('a reach that failed or found the person unreachable before this run is armed again, and the person’s unreachable mark is cleared', async () => {
    await reachPeople(db.prisma, { since: new Date(), actor: 'people-reach' });
    const earlier = new Date(Date.now() - 60_000);
    await settle(ALEX, 'failed', earlier);
    await settle(SIGRID, 'unreachable', earlier);
    await db.prisma.person.update({ where: { aadObjectId: SIGRID }, data: { unreachableAt: earlier, unreachableReason: 'not_installed' } });
    await settle(MEGAN, 'sent', earlier); // made the chat; its reference is gone since, but a sent reach stays sent

    const result = await reachPeople(db.prisma, { since: new Date(), actor: 'people-reach' });

    expect(result.queued).toBe(2);
    expect(await reachOf(ALEX)).toMatchObject({ state: 'waiting', attempts: 0, lastError: null });
    expect(await reachOf(SIGRID)).toMatchObject({ state: 'waiting', attempts: 0, lastError: null });
    expect(await reachOf(MEGAN)).toMatchObject({ state: 'sent' });
    expect(await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: SIGRID } })).toMatchObject({ unreachableAt: null, unreachableReason: null });
  });

  it('a person marked unreachable by some other message gets a reach, and the mark is cleared so the worker tries', async () => {
    await db.prisma.person.update({ where: { aadObjectId: SIGRID }, data: { unreachableAt: new Date(), unreachableReason: 'not_installed' } });
    await reachPeople(db.prisma, { since: new Date(), actor: 'people-reach' });
    expect(await reachOf(SIGRID)).toMatchObject({ state: 'waiting' });
    expect(await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: SIGRID } })).toMatchObject({ unreachableAt: null });
  });

  it('a reach that settled after this run began is the result of a run started with it: it stands, and this run reports it', async () => {
    const since = new Date(Date.now() - 5_000);
    await reachPeople(db.prisma, { since, actor: 'people-reach' });
    await settle(SIGRID, 'unreachable', new Date());
    await db.prisma.person.update({ where: { aadObjectId: SIGRID }, data: { unreachableAt: new Date(), unreachableReason: 'not_installed' } });

    const result = await reachPeople(db.prisma, { since, actor: 'people-reach' });

    expect(result.queued).toBe(0);
    expect(await reachOf(SIGRID)).toMatchObject({ state: 'unreachable' });
    expect(result.messageIds).toContain((await reachOf(SIGRID))!.id);
    const outcome = await readReachOutcome(db.prisma, result.messageIds);
    expect(outcome).toMatchObject({ pending: activePeople - 1, created: 0, failed: [] });
    expect(outcome.unreachable).toEqual([{ name: 'Sigrid Dahl', email: 'sigrid.dahl@eksempel.kommune.no', reason: 'not_installed' }]);
  });
});
