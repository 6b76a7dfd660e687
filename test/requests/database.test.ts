import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { getPersonContext, type PersonContext } from '../../domain/people/get-person-context.js';
import { changeStatus } from '../../domain/support/change-status.js';
import { closeOwnRequest } from '../../domain/support/close-own-request.js';
import { getRequestHistory } from '../../domain/support/get-request-history.js';
import { listMyRequests } from '../../domain/support/list-my-requests.js';
import { recordEvent } from '../../domain/support/record-event.js';
import { submitRequest, type SubmittedRequest } from '../../domain/support/submit-request.js';
import { createTestDatabase } from '../support/database.js';

const ALEX = '00000000-0000-0000-0000-0000000000020'; // saksbehandler, Økonomi, no language of his own
const ADELE = '00000000-0000-0000-0000-0000000000022'; // arkivet (first line)
const PATTI = '00000000-0000-0000-0000-0000000000024'; // fagspesialist økonomi, prosessrådgiver for Økonomi
const ASTRID = '0a3c1682-3dff-46d0-b19c-e1ae04dbe086'; // nynorsk in the organisation file; prosessrådgiver for Plan og bygg
const EMMA = 'ef37fe75-35e5-4f18-9caa-0c6f0dd59f71'; // English in the organisation file
const SIGRID = '4c70f70d-c03a-4145-b03e-53c56d1096c9'; // systemadministrator

const NOW = new Date('2026-11-26T09:15:00Z');
type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
type CardJson = { body: { text?: string; inlines?: { text: string }[] }[] };
const cardTexts = (card: CardJson) => card.body.map((element) => element.text ?? element.inlines?.map((inline) => inline.text).join('') ?? '');

const intake = (what = 'Flytte journalpost 2026/1234-3 til riktig sak', extra: Record<string, unknown> = {}) => ({
  what,
  who: 'Arkivet',
  result: 'Journalposten ligger i sak 2026/1240',
  category: 'flytte_kopiere_rette',
  urgency: 'normal',
  reference: '2026/1234-3',
  intakeKey: randomUUID(),
  ...extra,
});

describe('henvendelser on the database', () => {
  let db: TestDatabase;
  const people = new Map<string, PersonContext>();
  const person = (aadObjectId: string) => people.get(aadObjectId)!;

  const submit = async (aadObjectId: string, data: Record<string, unknown> = intake(), now = NOW) => {
    const result = await submitRequest(db.prisma, { requester: person(aadObjectId), data, now });
    if (result.outcome === 'invalid') throw new Error(`invalid: ${JSON.stringify(result.problems)}`);
    return result;
  };
  const rowOf = (request: SubmittedRequest) => db.prisma.supportRequest.findUniqueOrThrow({ where: { id: request.id } });
  const outboxFor = (requestId: string) => db.prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: `support:${requestId}:` } } });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    await loadDemoOrganisationIfEmpty(db.prisma);
    for (const aadObjectId of [ALEX, ADELE, PATTI, ASTRID, EMMA, SIGRID]) people.set(aadObjectId, (await getPersonContext(db.prisma, aadObjectId))!);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.supportRequest.deleteMany();
    await db.prisma.supportNumberCounter.deleteMany();
    await db.prisma.auditEntry.deleteMany({ where: { entity: 'support_request' } });
  });

  describe('numbers', () => {
    it('20 people submitting at the same instant on a pool of 10 connections get 20 different numbers, BS-2026-00001 to BS-2026-00020', async () => {
      const twenty = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const aadObjectId = randomUUID();
          await db.prisma.person.create({ data: { aadObjectId, name: `Saksbehandler ${i}`, email: `sb${i}.${aadObjectId}@eksempel.kommune.no` } });
          return (await getPersonContext(db.prisma, aadObjectId))!;
        }),
      );
      const results = await Promise.all(twenty.map((requester) => submitRequest(db.prisma, { requester, data: intake(), now: NOW })));
      const numbers = results.map((result) => (result.outcome === 'created' ? result.request.number : result.outcome));
      expect(new Set(numbers).size).toBe(20);
      expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `BS-2026-${String(i + 1).padStart(5, '0')}`));
      const rows = await db.prisma.supportRequest.findMany({ select: { year: true, sequence: true, number: true } });
      expect(rows).toHaveLength(20);
      for (const row of rows) expect(row.number).toBe(`BS-${row.year}-${String(row.sequence).padStart(5, '0')}`);
      expect(await db.prisma.supportNumberCounter.findUnique({ where: { year: 2026 } })).toEqual({ year: 2026, last: 20 });
    });

    it('the numbers start again at 00001 in a new year, which begins at midnight in Oslo', async () => {
      expect((await submit(ALEX)).request.number).toBe('BS-2026-00001');
      expect((await submit(ALEX, intake(), new Date('2026-12-31T23:30:00Z'))).request.number).toBe('BS-2027-00001');
      expect((await submit(ALEX)).request.number).toBe('BS-2026-00002');
    });
  });

  describe('submitting', () => {
    it('stores the henvendelse in the first line with status new, its created event and an audit entry', async () => {
      const { outcome, request } = await submit(ALEX);
      expect(outcome).toBe('created');
      const row = await rowOf(request);
      expect(row).toMatchObject({
        number: 'BS-2026-00001',
        requesterId: person(ALEX).id,
        what: 'Flytte journalpost 2026/1234-3 til riktig sak',
        who: 'Arkivet',
        result: 'Journalposten ligger i sak 2026/1240',
        category: 'flytte_kopiere_rette',
        reference: '2026/1234-3',
        urgency: 'normal',
        status: 'ny',
        line: 'forstelinje',
        assigneeId: null,
        version: 1,
        createdAt: NOW,
      });
      const events = await db.prisma.supportEvent.findMany({ where: { requestId: request.id } });
      expect(events).toMatchObject([{ kind: 'created', actorId: person(ALEX).id, internal: false }]);
      const audit = await db.prisma.auditEntry.findMany({ where: { entity: 'support_request', entityId: request.id } });
      expect(audit).toMatchObject([{ actor: ALEX, action: 'support.request.submit', after: { number: 'BS-2026-00001', status: 'ny', line: 'forstelinje' } }]);
      expect(await db.prisma.outboxMessage.count()).toBe(0); // the confirmation is the answer to the submit
    });

    it('the same card submitted twice at the same instant stores one henvendelse and both answers show its number', async () => {
      const data = intake();
      const [first, second] = await Promise.all([submit(ALEX, data), submit(ALEX, data)]);
      expect([first.outcome, second.outcome].sort()).toEqual(['created', 'existing']);
      expect(first.request.number).toBe(second.request.number);
      expect(await db.prisma.supportRequest.count()).toBe(1);
      expect(await db.prisma.supportEvent.count()).toBe(1);
      expect(await db.prisma.auditEntry.count({ where: { action: 'support.request.submit' } })).toBe(1);
    });

    it('a later submit of the same card returns the henvendelse as it was stored and changes nothing, even with other answers', async () => {
      const data = intake();
      const first = await submit(ALEX, data);
      const again = await submit(ALEX, { ...data, what: 'Noe helt annet', urgency: 'kritisk' });
      expect(again).toEqual({ outcome: 'existing', request: first.request });
      expect(await rowOf(first.request)).toMatchObject({ what: data.what, urgency: 'normal', version: 1 });
    });

    it('two people who happen to send the same intake key get a henvendelse each', async () => {
      const data = intake();
      const [alex, emma] = [await submit(ALEX, data), await submit(EMMA, data)];
      expect(alex.request.id).not.toBe(emma.request.id);
      expect(await db.prisma.supportRequest.count()).toBe(2);
    });

    it('a subject area the organisation does not have (a forged id) is a problem with that field, and nothing is stored', async () => {
      const result = await submitRequest(db.prisma, { requester: person(ALEX), data: intake('Hjelp', { subjectAreaId: randomUUID() }), now: NOW });
      expect(result).toEqual({ outcome: 'invalid', problems: [{ field: 'subjectAreaId', problem: 'unknown' }] });
      expect(await db.prisma.supportRequest.count()).toBe(0);
      expect(await db.prisma.supportNumberCounter.count()).toBe(0);
    });

    it('an answer that does not parse is a problem with its field, and nothing is stored', async () => {
      const result = await submitRequest(db.prisma, { requester: person(ALEX), data: intake('Hjelp', { reference: '2026-1234' }), now: NOW });
      expect(result).toEqual({ outcome: 'invalid', problems: [{ field: 'reference', problem: 'format' }] });
      expect(await db.prisma.supportRequest.count()).toBe(0);
    });

    it('a subject area of the organisation is stored and shown by name', async () => {
      const economy = await db.prisma.subjectArea.findUniqueOrThrow({ where: { code: 'OKONOMI' } });
      const { request } = await submit(ALEX, intake('Hjelp', { subjectAreaId: economy.id }));
      expect(request.subjectArea).toBe('Økonomi');
    });
  });

  describe('status changes', () => {
    it('a status change raises the version, writes the event and the audit entry, and enqueues exactly one notification in the requester’s own language (nynorsk)', async () => {
      const { request } = await submit(ASTRID);
      const changed = await changeStatus(db.prisma, { requestId: request.id, expectedVersion: 1, actor: person(ADELE), to: 'venter_pa_innmelder', text: 'Kan du sende saksnummeret?', now: NOW });
      expect(changed).toMatchObject({ version: 2, status: 'venter_pa_innmelder', notification: { created: true, state: 'waiting' } });

      expect(await rowOf(request)).toMatchObject({ status: 'venter_pa_innmelder', version: 2 });
      const event = await db.prisma.supportEvent.findUniqueOrThrow({ where: { id: changed.eventId } });
      expect(event).toMatchObject({ kind: 'status_changed', actorId: person(ADELE).id, text: 'Kan du sende saksnummeret?', data: { status: { from: 'ny', to: 'venter_pa_innmelder' } } });
      expect(await db.prisma.auditEntry.findFirst({ where: { action: 'support.request.status_changed', entityId: request.id } })).toMatchObject({
        actor: ADELE,
        before: { version: 1, status: 'ny' },
        after: { version: 2, status: 'venter_pa_innmelder' },
      });

      const outbox = await outboxFor(request.id);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ personId: person(ASTRID).id, kind: 'send', idempotencyKey: `support:${request.id}:event:${changed.eventId}` });
      const card = (outbox[0]!.activity as { attachments: { content: CardJson }[] }).attachments[0]!.content;
      expect(cardTexts(card)).toEqual(expect.arrayContaining([`Førespurnad ${request.number}`, 'Ny status: **Ventar på deg**', 'Kan du sende saksnummeret?']));
    });

    it('the notification is in English for someone whose organisation file says English', async () => {
      const { request } = await submit(EMMA);
      await changeStatus(db.prisma, { requestId: request.id, expectedVersion: 1, actor: person(ADELE), to: 'under_behandling', now: NOW });
      const [message] = await outboxFor(request.id);
      const card = (message!.activity as { attachments: { content: CardJson }[] }).attachments[0]!.content;
      expect(cardTexts(card)).toContain('New status: **In progress**');
    });

    it('a change whose transaction rolls back leaves no event, no audit entry and nothing in the outbox', async () => {
      const { request } = await submit(ASTRID);
      const rollback = new Error('something later in the same transaction failed');
      await expect(
        db.prisma.$transaction(async (tx) => {
          await recordEvent(tx, { requestId: request.id, expectedVersion: 1, actor: { personId: person(ADELE).id, aadObjectId: ADELE }, kind: 'status_changed', changes: { status: 'hos_it' }, now: NOW });
          expect(await tx.outboxMessage.count()).toBe(1); // enqueued in this very transaction …
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      expect(await db.prisma.outboxMessage.count()).toBe(0); // … and gone with it
      expect(await rowOf(request)).toMatchObject({ status: 'ny', version: 1 });
      expect(await db.prisma.supportEvent.count({ where: { requestId: request.id } })).toBe(1);
      expect(await db.prisma.auditEntry.count({ where: { action: 'support.request.status_changed' } })).toBe(0);
    });

    it('a change from a card older than the henvendelse is refused as stale and changes nothing', async () => {
      const { request } = await submit(ASTRID);
      await changeStatus(db.prisma, { requestId: request.id, expectedVersion: 1, actor: person(ADELE), to: 'under_behandling', now: NOW });
      expect(await refusal(changeStatus(db.prisma, { requestId: request.id, expectedVersion: 1, actor: person(ADELE), to: 'hos_it', now: NOW }))).toBe('STALE');
      expect(await rowOf(request)).toMatchObject({ status: 'under_behandling', version: 2 });
      expect(await db.prisma.supportEvent.count({ where: { requestId: request.id } })).toBe(2);
      expect(await outboxFor(request.id)).toHaveLength(1);
    });

    it('of two changes from the same card at the same instant, one is made and the other is refused as stale', async () => {
      const { request } = await submit(ASTRID);
      const results = await Promise.allSettled(
        (['under_behandling', 'hos_leverandor'] as const).map((to) => changeStatus(db.prisma, { requestId: request.id, expectedVersion: 1, actor: person(ADELE), to, now: NOW })),
      );
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(((results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason as AppError).code).toBe('STALE');
      expect(await rowOf(request)).toMatchObject({ version: 2 });
      expect(await outboxFor(request.id)).toHaveLength(1);
    });

    it('someone outside the line that has the henvendelse may not change it (a forged id), and nothing changes', async () => {
      const { request } = await submit(ASTRID);
      for (const outsider of [ALEX, SIGRID]) {
        expect(await refusal(changeStatus(db.prisma, { requestId: request.id, expectedVersion: 1, actor: person(outsider), to: 'lost', now: NOW }))).toBe('FORBIDDEN');
      }
      expect(await refusal(changeStatus(db.prisma, { requestId: randomUUID(), expectedVersion: 1, actor: person(ADELE), to: 'lost', now: NOW }))).toBe('NOT_FOUND');
      expect(await rowOf(request)).toMatchObject({ status: 'ny', version: 1 });
      expect(await db.prisma.outboxMessage.count()).toBe(0);
    });

    it('a requester who has left the organisation is not notified, but the change is made', async () => {
      const { request } = await submit(EMMA);
      await db.prisma.person.update({ where: { aadObjectId: EMMA }, data: { active: false } });
      try {
        const changed = await changeStatus(db.prisma, { requestId: request.id, expectedVersion: 1, actor: person(ADELE), to: 'lukket', now: NOW });
        expect(changed.notification).toBeNull();
        expect(await rowOf(request)).toMatchObject({ status: 'lukket', closedAt: NOW });
      } finally {
        await db.prisma.person.update({ where: { aadObjectId: EMMA }, data: { active: true } });
      }
    });
  });

  describe('the requester closes their own henvendelse', () => {
    it('sets it closed with the reason in the history, and the requester is told through the outbox', async () => {
      const { request } = await submit(ALEX);
      const closed = await closeOwnRequest(db.prisma, { requestId: request.id, expectedVersion: 1, requester: person(ALEX), reason: ' Fant svaret selv ', now: NOW });
      expect(await rowOf(request)).toMatchObject({ status: 'lukket', closedAt: NOW, version: 2 });
      expect(await db.prisma.supportEvent.findUniqueOrThrow({ where: { id: closed.eventId } })).toMatchObject({
        kind: 'closed',
        actorId: person(ALEX).id,
        text: 'Fant svaret selv',
        data: { by: 'requester', status: { from: 'ny', to: 'lukket' } },
      });
      expect(await outboxFor(request.id)).toHaveLength(1);
      expect(await db.prisma.auditEntry.count({ where: { action: 'support.request.closed', entityId: request.id, actor: ALEX } })).toBe(1);
    });

    it('nobody else may close it, not even support; a closed or resolved one cannot be closed again', async () => {
      const { request } = await submit(ALEX);
      expect(await refusal(closeOwnRequest(db.prisma, { requestId: request.id, expectedVersion: 1, requester: person(ADELE), now: NOW }))).toBe('FORBIDDEN');
      await closeOwnRequest(db.prisma, { requestId: request.id, expectedVersion: 1, requester: person(ALEX), now: NOW });
      expect(await refusal(closeOwnRequest(db.prisma, { requestId: request.id, expectedVersion: 2, requester: person(ALEX), now: NOW }))).toBe('STALE');

      const resolved = (await submit(ALEX)).request;
      await changeStatus(db.prisma, { requestId: resolved.id, expectedVersion: 1, actor: person(ADELE), to: 'lost', now: NOW });
      expect(await refusal(closeOwnRequest(db.prisma, { requestId: resolved.id, expectedVersion: 2, requester: person(ALEX), now: NOW }))).toBe('STALE');
      expect(await rowOf(resolved)).toMatchObject({ status: 'lost', resolvedAt: NOW, version: 2 });
    });
  });

  describe('reading', () => {
    it('mine henvendelser lists the requester’s own, newest first, and nobody else’s', async () => {
      const first = await submit(ALEX, intake('Første'), new Date('2026-11-20T08:00:00Z'));
      const second = await submit(ALEX, intake('Andre'), new Date('2026-11-25T08:00:00Z'));
      await submit(EMMA, intake('Emmas'));
      expect(await listMyRequests(db.prisma, { requesterId: person(ALEX).id })).toEqual({
        total: 2,
        requests: [
          { id: second.request.id, number: 'BS-2026-00002', what: 'Andre', status: 'ny', updatedAt: new Date('2026-11-25T08:00:00Z') },
          { id: first.request.id, number: 'BS-2026-00001', what: 'Første', status: 'ny', updatedAt: new Date('2026-11-20T08:00:00Z') },
        ],
      });
      expect(await listMyRequests(db.prisma, { requesterId: person(ALEX).id, limit: 1 })).toMatchObject({ total: 2, requests: [{ what: 'Andre' }] });
      expect((await listMyRequests(db.prisma, { requesterId: person(ADELE).id })).total).toBe(0);
    });

    it('the requester sees the history without internal events; the first line sees them too; anyone else is refused', async () => {
      const { request } = await submit(ALEX);
      await db.prisma.$transaction((tx) =>
        recordEvent(tx, { requestId: request.id, expectedVersion: 1, actor: { personId: person(ADELE).id, aadObjectId: ADELE }, kind: 'internal_note', text: 'Ring ham', internal: true, now: NOW }),
      );
      const own = await getRequestHistory(db.prisma, { requestId: request.id, viewer: person(ALEX) });
      expect(own).toMatchObject({ view: 'requester', mayClose: true, request: { number: request.number, requester: { name: 'Alex Wilber' } } });
      expect(own.events.map((event) => event.kind)).toEqual(['created']);

      const archive = await getRequestHistory(db.prisma, { requestId: request.id, viewer: person(ADELE) });
      expect(archive).toMatchObject({ view: 'support', mayClose: false });
      expect(archive.events.map((event) => [event.kind, event.internal, event.text])).toEqual([
        ['created', false, null],
        ['internal_note', true, 'Ring ham'],
      ]);
      // Patti advises Økonomi and is first line; Sigrid is system administrator, Emma a caseworker: not in the first line.
      expect((await getRequestHistory(db.prisma, { requestId: request.id, viewer: person(PATTI) })).view).toBe('support');
      for (const outsider of [SIGRID, EMMA]) expect(await refusal(getRequestHistory(db.prisma, { requestId: request.id, viewer: person(outsider) }))).toBe('FORBIDDEN');
    });
  });
});
