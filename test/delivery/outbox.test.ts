import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter.js';
import { createTeamsMessenger } from '../../bot/teams-messenger.js';
import { startDeliveryWorker, type DeliveryWorker } from '../../domain/delivery/delivery-worker.js';
import type { DeliveryEvent } from '../../domain/delivery/deliver-message.js';
import { MAX_ACTIVITY_BYTES, enqueueMessage } from '../../domain/delivery/enqueue-message.js';
import { MAX_ATTEMPTS } from '../../domain/delivery/decide.js';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { AppError } from '../../domain/errors.js';
import { createTestDatabase } from '../support/database.js';
import { startLimitedConnector, type LimitedConnector } from '../support/limited-connector.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const hello = (text = 'Hei') => ({ type: 'message', text });

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('the outbox', () => {
  let db: TestDatabase;
  let connector: LimitedConnector;
  let worker: DeliveryWorker | undefined;
  let events: DeliveryEvent[];
  const personId = async (aadObjectId: string) => (await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId } })).id;

  const startWorker = (options: { timeoutMs?: number } = {}) => {
    const adapter = createAdapter({ BOT_ID: undefined, BOT_PASSWORD: undefined, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: undefined });
    worker = startDeliveryWorker(
      {
        prisma: db.prisma,
        messenger: createTeamsMessenger(adapter, { botAppId: '', timeoutMs: options.timeoutMs ?? 2_000 }),
        tenantRps: 30,
        serviceUrl: connector.url,
        tenantId: TENANT,
        firstRetryMs: 50,
        onEvent: (event) => events.push(event),
      },
      { pollMs: 20, leaseMs: 10_000 },
    );
  };
  const message = (idempotencyKey: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey } });
  const settled = async (idempotencyKey: string, ms = 10_000) => {
    await expect.poll(async () => (await message(idempotencyKey)).state, { timeout: ms }).toMatch(/^(sent|failed|unreachable)$/);
    return message(idempotencyKey);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationIfEmpty(db.prisma);
    // The connector runs in this process and times a call when the event loop gets to it; on a
    // busy machine calls that arrived apart are read close together now and then. It counts
    // windows 30 ms shorter (the outbox keeps them 25 ms longer, WINDOW_MARGIN_MS).
    connector = await startLimitedConnector({ defaultTenantId: TENANT, tolerance: -30 });
  });
  afterAll(async () => {
    await connector?.close();
    await db?.close();
  });
  beforeEach(async () => {
    events = [];
    connector.clear();
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.deliveryPace.deleteMany();
    await db.prisma.conversationReference.deleteMany();
    await db.prisma.person.updateMany({ data: { unreachableAt: null, unreachableReason: null } });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  describe('enqueueing', () => {
    it('the same idempotency key twice stores one message', async () => {
      const alex = await personId(ALEX);
      const first = await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello(), idempotencyKey: 'digest:alex:2026-11-26' });
      const second = await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello('Igjen'), idempotencyKey: 'digest:alex:2026-11-26' });
      expect(first.created).toBe(true);
      expect(second).toMatchObject({ created: false, id: first.id });
      expect(await db.prisma.outboxMessage.count()).toBe(1);
    });

    it('a change and its message commit together or not at all', async () => {
      const alex = await personId(ALEX);
      await expect(
        db.prisma.$transaction(async (tx) => {
          await tx.unit.create({ data: { code: 'ROLLBACK', name: 'Rulles tilbake' } });
          await enqueueMessage(tx, { to: { personId: alex }, activity: hello() });
          throw new Error('the change fails after the message was enqueued');
        }),
      ).rejects.toThrow('the change fails');
      expect(await db.prisma.outboxMessage.count()).toBe(0);
      expect(await db.prisma.unit.count({ where: { code: 'ROLLBACK' } })).toBe(0);
    });

    it('a message to a person who left the organisation is refused, and nothing is stored', async () => {
      const alex = await personId(ALEX);
      await db.prisma.person.update({ where: { id: alex }, data: { active: false } });
      try {
        await expect(enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello() })).rejects.toThrow(AppError);
        expect(await db.prisma.outboxMessage.count()).toBe(0);
      } finally {
        await db.prisma.person.update({ where: { id: alex }, data: { active: true } });
      }
    });

    it('a card over the size limit and a conversation the bot does not know fail at once, with the reason', async () => {
      const alex = await personId(ALEX);
      const big = { type: 'message', text: 'x'.repeat(MAX_ACTIVITY_BYTES + 1) };
      expect(await enqueueMessage(db.prisma, { to: { personId: alex }, activity: big, idempotencyKey: 'big' })).toMatchObject({ state: 'failed' });
      expect((await message('big')).lastError).toMatch(/^too large: \d+ bytes/);
      await enqueueMessage(db.prisma, { to: { conversationId: 'a:nowhere' }, activity: hello(), idempotencyKey: 'nowhere' });
      expect(await message('nowhere')).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/^unknown recipient/), attempts: 0 });
    });
  });

  describe('sending', () => {
    it('a person who never opened the bot gets a conversation created with their Entra object id, and the message there', async () => {
      startWorker();
      await enqueueMessage(db.prisma, { to: { personId: await personId(ALEX) }, activity: hello(), idempotencyKey: 'first' });
      const sent = await settled('first');
      expect(sent).toMatchObject({ state: 'sent', attempts: 2, activityId: expect.any(String), sentConversationId: `a:conv-${ALEX}` });
      const [create, send] = connector.accepted;
      expect(create).toMatchObject({ kind: 'create', tenantId: TENANT });
      expect((create!.body.members as { id: string }[])[0]!.id).toBe(ALEX);
      expect(send).toMatchObject({ kind: 'send', conversationId: `a:conv-${ALEX}` });
      const stored = await db.prisma.conversationReference.findUniqueOrThrow({ where: { conversationId: `a:conv-${ALEX}` } });
      expect(stored).toMatchObject({ scope: 'personal', aadObjectId: ALEX, serviceUrl: connector.url });
    });

    it('403 on creating the conversation means the app is not installed: recorded, not retried', async () => {
      startWorker();
      connector.failNext(1, { status: 403, kind: 'create' });
      await enqueueMessage(db.prisma, { to: { personId: await personId(ALEX) }, activity: hello(), idempotencyKey: 'not-installed' });
      expect(await settled('not-installed')).toMatchObject({ state: 'unreachable', attempts: 1, lastError: expect.stringMatching(/not installed/) });
      expect(await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: ALEX } })).toMatchObject({ unreachableReason: 'not_installed' });
      expect(events.map((event) => event.type)).toEqual(['unreachable']);
    });

    it('403 MessageWritesBlocked marks the person unreachable, gives up what waits for them, and never retries', async () => {
      startWorker();
      const alex = await personId(ALEX);
      await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello(), idempotencyKey: 'welcome-ish' });
      await settled('welcome-ish');
      connector.failNext(1, { status: 403, kind: 'send' });
      await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello(), idempotencyKey: 'blocked' });
      expect(await settled('blocked')).toMatchObject({ state: 'unreachable', attempts: 1, lastError: expect.stringMatching(/blocked or removed/) });
      await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello(), idempotencyKey: 'after' });
      expect(await settled('after')).toMatchObject({ state: 'unreachable', attempts: 0 });
      expect(connector.accepted.filter((call) => call.kind === 'send')).toHaveLength(1);
      expect(await db.prisma.person.findUniqueOrThrow({ where: { id: alex } })).toMatchObject({ unreachableReason: 'blocked' });
    });

    it('404 for a chat the person deleted creates the conversation again, once, and sends there', async () => {
      startWorker();
      const alex = await personId(ALEX);
      await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello(), idempotencyKey: 'before-delete' });
      await settled('before-delete');
      connector.deleteConversation(`a:conv-${ALEX}`);
      await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello(), idempotencyKey: 'after-delete' });
      expect(await settled('after-delete')).toMatchObject({ state: 'sent', sentConversationId: `a:conv-${ALEX}-2` });
      expect(connector.accepted.filter((call) => call.kind === 'create')).toHaveLength(2);
      expect(connector.failed.map((call) => call.status)).toEqual([404]);
    });

    it('a 404 again after the conversation was made again fails with the reason, without a third create', async () => {
      startWorker();
      const alex = await personId(ALEX);
      await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello(), idempotencyKey: 'made' });
      await settled('made');
      connector.failNext(2, { status: 404, kind: 'send' });
      await enqueueMessage(db.prisma, { to: { personId: alex }, activity: hello(), idempotencyKey: 'twice-404' });
      expect(await settled('twice-404')).toMatchObject({ state: 'failed', lastError: '404 ConversationNotFound' });
      expect(connector.accepted.filter((call) => call.kind === 'create')).toHaveLength(2);
    });

    it.each([412, 502, 503, 504])('%i is retried with backoff and then sent', async (status) => {
      startWorker();
      connector.failNext(2, { status, kind: 'send' });
      await enqueueMessage(db.prisma, { to: { personId: await personId(MEGAN) }, activity: hello(), idempotencyKey: `passing-${status}` });
      expect(await settled(`passing-${status}`)).toMatchObject({ state: 'sent', attempts: 4 });
      expect(events.filter((event) => event.type === 'retried')).toHaveLength(2);
    });

    it('a failure that keeps coming is given up after the last attempt, with the reason', async () => {
      startWorker();
      // The create call is the first attempt, so MAX_ATTEMPTS - 1 refused sends use up every attempt.
      connector.failNext(MAX_ATTEMPTS - 1, { status: 503, kind: 'send' });
      await enqueueMessage(db.prisma, { to: { personId: await personId(MEGAN) }, activity: hello(), idempotencyKey: 'always-503' });
      const failed = await settled('always-503', 20_000);
      expect(failed).toMatchObject({ state: 'failed', lastError: `503 ServiceUnavailable (gave up after ${MAX_ATTEMPTS} attempts)` });
      expect(connector.failed.filter((call) => call.kind === 'send')).toHaveLength(MAX_ATTEMPTS - 1);
    }, 30_000);

    it('a call that does not answer in time is a timeout, retried', async () => {
      startWorker({ timeoutMs: 300 });
      const megan = await personId(MEGAN);
      await enqueueMessage(db.prisma, { to: { personId: megan }, activity: hello(), idempotencyKey: 'made-megan' });
      await settled('made-megan');
      connector.hangNext(1, { ms: 2_000, kind: 'send' });
      await enqueueMessage(db.prisma, { to: { personId: megan }, activity: hello(), idempotencyKey: 'hangs' });
      expect(await settled('hangs')).toMatchObject({ state: 'sent', attempts: 2 });
      expect(events.find((event) => event.type === 'retried')?.reason).toBe('timeout');
    });

    it('a 429 is honoured: nothing goes to that conversation before Retry-After has passed', async () => {
      startWorker();
      const megan = await personId(MEGAN);
      await enqueueMessage(db.prisma, { to: { personId: megan }, activity: hello(), idempotencyKey: 'made-429' });
      await settled('made-429');
      connector.failNext(1, { status: 429, kind: 'send', retryAfter: 1 });
      for (let i = 0; i < 3; i++) await enqueueMessage(db.prisma, { to: { personId: megan }, activity: hello(`${i}`), idempotencyKey: `after-429-${i}` });
      for (let i = 0; i < 3; i++) expect(await settled(`after-429-${i}`)).toMatchObject({ state: 'sent' });
      expect(connector.retryAfterViolations).toBe(0);
      const [refused] = connector.failed.filter((call) => call.status === 429);
      const next = connector.accepted.find((call) => call.kind === 'send' && call.at > refused!.at);
      expect(next!.at - refused!.at).toBeGreaterThanOrEqual(1_000 - 2);
      expect(events.filter((event) => event.type === 'throttled')).toHaveLength(1);
    });

    it('an update and a thread reply of a card enqueued a moment ago reach the activity that card became', async () => {
      await db.prisma.conversationReference.create({
        data: { conversationId: '19:ko@thread.tacv2', scope: 'channel', tenantId: TENANT, serviceUrl: connector.url, reference: { bot: { id: '28:arkivlos' } } },
      });
      const card = await enqueueMessage(db.prisma, { to: { conversationId: '19:ko@thread.tacv2' }, activity: hello('BS-2026-00001 ny'), idempotencyKey: 'card' });
      await enqueueMessage(db.prisma, { kind: 'reply', targetMessageId: card.id, activity: hello('Tatt av Adele'), idempotencyKey: 'event' });
      await enqueueMessage(db.prisma, { kind: 'update', targetMessageId: card.id, activity: hello('BS-2026-00001 tatt'), idempotencyKey: 'refresh' });
      startWorker();
      const refresh = await settled('refresh');
      const posted = await message('card');
      expect(refresh).toMatchObject({ state: 'sent', conversationId: '19:ko@thread.tacv2' });
      const calls = connector.byConversation('19:ko@thread.tacv2');
      expect(calls.map((call) => [call.kind, call.body.text])).toEqual([
        ['send', 'BS-2026-00001 ny'],
        ['reply', 'Tatt av Adele'],
        ['update', 'BS-2026-00001 tatt'],
      ]);
      expect(calls[1]!.replyToId).toBe(posted.activityId);
      expect(calls[2]!.activityId).toBe(posted.activityId);
    });

    it('an update of a message that was never sent fails with the reason instead of waiting for ever', async () => {
      await db.prisma.conversationReference.create({
        data: { conversationId: '19:ko@thread.tacv2', scope: 'channel', tenantId: TENANT, serviceUrl: connector.url, reference: { bot: { id: '28:arkivlos' } } },
      });
      const card = await enqueueMessage(db.prisma, { to: { conversationId: '19:ko@thread.tacv2' }, activity: hello(), idempotencyKey: 'lost-card' });
      // Given up after its last attempt (as a lasting 503 would).
      await db.prisma.outboxMessage.update({ where: { id: card.id }, data: { state: 'failed', lastError: '503 ServiceUnavailable' } });
      await enqueueMessage(db.prisma, { kind: 'update', targetMessageId: card.id, activity: hello('ny'), idempotencyKey: 'lost-update' });
      startWorker();
      expect(await settled('lost-update')).toMatchObject({ state: 'failed', lastError: 'the message it refers to was not sent' });
      expect(connector.accepted).toEqual([]);
    });

    it('40 messages to one channel keep its limits (7/s, 8 per 2 s), arrive in order, and cause no 429', async () => {
      await db.prisma.conversationReference.create({
        data: { conversationId: '19:kanal@thread.tacv2', scope: 'channel', tenantId: TENANT, serviceUrl: connector.url, reference: { bot: { id: '28:arkivlos' } } },
      });
      for (let i = 0; i < 40; i++) {
        await enqueueMessage(db.prisma, { to: { conversationId: '19:kanal@thread.tacv2' }, activity: hello(`melding ${i}`), idempotencyKey: `channel-${i}` });
      }
      startWorker();
      await expect.poll(() => db.prisma.outboxMessage.count({ where: { state: 'sent' } }), { timeout: 20_000 }).toBe(40);
      const sends = connector.byConversation('19:kanal@thread.tacv2');
      expect(sends.map((call) => call.body.text)).toEqual(Array.from({ length: 40 }, (_, i) => `melding ${i}`));
      expect(connector.throttled).toEqual([]);
      // Counted as the connector counts (30 ms short, see beforeAll).
      expect(connector.maxInWindow('19:kanal@thread.tacv2', 1_000 - 30)).toBeLessThanOrEqual(7);
      expect(connector.maxInWindow('19:kanal@thread.tacv2', 2_000 - 30)).toBeLessThanOrEqual(8);
    }, 30_000);
  });
});
