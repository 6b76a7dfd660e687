import { ConnectorClient } from 'botframework-connector';
import type { ServiceClientCredentials } from 'botframework-connector';
import { afterEach, describe, expect, it } from 'vitest';
import { startLimitedConnector, type LimitedConnector, type LimitedConnectorOptions } from './support/limited-connector.js';

const TENANT = 'tenant-a';

interface Reply {
  status: number;
  retryAfter: string | null;
  body: { id?: string; activityId?: string; error?: { code: string; message: string } };
}

let connector: LimitedConnector | undefined;

afterEach(async () => {
  await connector?.close();
  connector = undefined;
});

async function start(options: LimitedConnectorOptions = {}): Promise<LimitedConnector> {
  connector = await startLimitedConnector(options);
  return connector;
}

async function call(c: LimitedConnector, method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Reply> {
  const res = await fetch(c.url + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Reply['body'] };
}

function activitiesPath(conversationId: string, activityId?: string): string {
  const base = `/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  return activityId === undefined ? base : `${base}/${encodeURIComponent(activityId)}`;
}

function send(c: LimitedConnector, conversationId: string, text = 'hei', tenantId = TENANT): Promise<Reply> {
  return call(c, 'POST', activitiesPath(conversationId), { type: 'message', text, channelData: { tenant: { id: tenantId } } });
}

function create(c: LimitedConnector, memberId: string, tenantId = TENANT): Promise<Reply> {
  return call(c, 'POST', '/v3/conversations', { members: [{ id: memberId }], tenantId, isGroup: false, bot: { id: 'bot' } });
}

async function sendMany(c: LimitedConnector, conversationId: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await send(c, conversationId, `melding ${i}`)).status);
  return statuses;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('conversation limits', () => {
  it('refuses the 8th call within a second to one conversation with 429 and an integer Retry-After', async () => {
    const c = await start();
    expect(await sendMany(c, 'a:1', 7)).toEqual([200, 200, 200, 200, 200, 200, 200]);

    const eighth = await send(c, 'a:1');

    expect(eighth.status).toBe(429);
    expect(eighth.retryAfter).toBe('1');
    expect(eighth.body.error?.code).toBe('Throttled');
    expect(c.accepted).toHaveLength(7);
    expect(c.throttled).toMatchObject([{ conversationId: 'a:1', tenantId: TENANT, reason: 'conversation', limit: { windowMs: 1000, max: 7 }, retryAfter: 1 }]);
  });

  it('counts a call before the Retry-After expires as a violation and refuses it again', async () => {
    const c = await start();
    await sendMany(c, 'a:1', 8);

    const tooEarly = await send(c, 'a:1');

    expect(tooEarly.status).toBe(429);
    expect(Number(tooEarly.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(c.retryAfterViolations).toBe(1);
    expect(c.violations[0]).toMatchObject({ conversationId: 'a:1', scope: 'conversation' });
    expect(c.throttled).toHaveLength(1);
    expect((await send(c, 'a:2')).status).toBe(200);
  });

  it('accepts the call that waits out the Retry-After and counts no violation', async () => {
    const c = await start({ conversationLimits: [{ windowMs: 200, max: 2 }], fractionalRetryAfter: true });
    await sendMany(c, 'a:1', 2);
    const refused = await send(c, 'a:1');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(0.2);

    await sleep(Number(refused.retryAfter) * 1000);

    expect((await send(c, 'a:1')).status).toBe(200);
    expect(c.retryAfterViolations).toBe(0);
  });

  it('allows only 8 calls in two seconds even when each second stays under 7', async () => {
    const c = await start();
    await sendMany(c, 'a:1', 7);
    await sleep(1050);

    expect((await send(c, 'a:1')).status).toBe(200);
    const ninth = await send(c, 'a:1');

    expect(ninth.status).toBe(429);
    expect(c.throttled[0]?.limit).toEqual({ windowMs: 2000, max: 8 });
  });

  it('does not count a throttled call against the windows', async () => {
    const c = await start({ conversationLimits: [{ windowMs: 300, max: 1 }], fractionalRetryAfter: true });
    await send(c, 'a:1');
    const refused = await send(c, 'a:1');
    expect(refused.status).toBe(429);

    await sleep(Number(refused.retryAfter) * 1000);

    // Had the refused call counted, the window would still be full now.
    expect((await send(c, 'a:1')).status).toBe(200);
  });

  it('widens every window by the tolerance', async () => {
    const strict = await start({ conversationLimits: [{ windowMs: 100, max: 1 }], tolerance: 300 });
    await send(strict, 'a:1');
    await sleep(150);

    expect((await send(strict, 'a:1')).status).toBe(429);
  });
});

describe('tenant limit', () => {
  it('binds across conversations and blocks every conversation of the tenant, not other tenants', async () => {
    const c = await start({ tenantRps: 5 });
    for (let i = 1; i <= 5; i += 1) expect((await send(c, `a:${i}`)).status).toBe(200);

    const sixth = await send(c, 'a:6');

    expect(sixth.status).toBe(429);
    expect(sixth.retryAfter).toBe('1');
    expect(c.throttled).toMatchObject([{ conversationId: 'a:6', reason: 'tenant', limit: { windowMs: 1000, max: 5 } }]);
    expect((await send(c, 'b:1', 'hei', 'tenant-b')).status).toBe(200);
    expect((await send(c, 'a:7')).status).toBe(429);
    expect(c.violations).toMatchObject([{ conversationId: 'a:7', scope: 'tenant' }]);
  });

  it('takes the tenant from the conversation created for it when an activity names none', async () => {
    const c = await start();
    const { body } = await create(c, 'person-1', 'tenant-x');
    await call(c, 'POST', activitiesPath(body.id!), { type: 'message', text: 'uten tenant' });

    expect(c.accepted.map((a) => a.tenantId)).toEqual(['tenant-x', 'tenant-x']);
  });
});

describe('conversations', () => {
  it('gives the same member the same conversation id, and a new one once the chat was deleted', async () => {
    const c = await start();
    const first = await create(c, 'person-1');
    const again = await create(c, 'person-1');
    expect(first.status).toBe(201);
    expect(first.body.id).toBe('a:conv-person-1');
    expect(again.body.id).toBe(first.body.id);
    expect((await create(c, 'person-2')).body.id).not.toBe(first.body.id);

    c.deleteConversation(first.body.id!);
    const gone = await send(c, first.body.id!);
    const recreated = await create(c, 'person-1');

    expect(gone.status).toBe(404);
    expect(gone.body.error?.code).toBe('ConversationNotFound');
    expect(recreated.body.id).not.toBe(first.body.id);
    expect((await send(c, recreated.body.id!)).status).toBe(200);
    expect((await send(c, first.body.id!)).status).toBe(404);
  });

  it('counts createConversation against the conversation it opens', async () => {
    const c = await start({ conversationLimits: [{ windowMs: 1000, max: 2 }] });
    const { body } = await create(c, 'person-1');
    await send(c, body.id!);

    expect((await send(c, body.id!)).status).toBe(429);
    expect(c.accepted.map((a) => a.kind)).toEqual(['create', 'send']);
  });

  it('sends the activity given with createConversation and returns its id', async () => {
    const c = await start();
    const { body } = await call(c, 'POST', '/v3/conversations', { members: [{ id: 'p' }], tenantId: TENANT, activity: { type: 'message', text: 'hei' } });

    expect(body.activityId).toBeDefined();
    expect((await call(c, 'PUT', activitiesPath(body.id!, body.activityId), { type: 'message', text: 'endret' })).status).toBe(200);
  });

  it('answers a reply in a thread with a new id and records the activity it answers', async () => {
    const c = await start();
    const reply = await call(c, 'POST', activitiesPath('a:1', 'user-message-1'), { type: 'message', text: 'svar' });

    expect(reply.status).toBe(200);
    expect(c.accepted).toMatchObject([{ kind: 'reply', conversationId: 'a:1', activityId: reply.body.id, replyToId: 'user-message-1' }]);
  });

  it('updates an activity it sent, and answers 404 for one never sent in that conversation', async () => {
    const c = await start();
    const sent = await send(c, 'a:1');

    const updated = await call(c, 'PUT', activitiesPath('a:1', sent.body.id), { type: 'message', text: 'endret' });
    const unknown = await call(c, 'PUT', activitiesPath('a:1', 'never-sent'), { type: 'message' });
    const elsewhere = await call(c, 'PUT', activitiesPath('a:2', sent.body.id), { type: 'message' });

    expect(updated).toMatchObject({ status: 200, body: { id: sent.body.id } });
    expect(unknown.status).toBe(404);
    expect(elsewhere.status).toBe(404);
    expect(c.byConversation('a:1').map((a) => a.kind)).toEqual(['send', 'update']);
  });

  it('answers 404 JSON for endpoints Teams does not offer here, and 400 for a body that is not JSON', async () => {
    const c = await start();
    const members = await fetch(`${c.url}/v3/conversations/a%3A1/members`);
    const list = await fetch(`${c.url}/v3/conversations`);
    const bad = await fetch(c.url + activitiesPath('a:1'), { method: 'POST', body: 'not json' });

    expect(members.status).toBe(404);
    expect(await members.json()).toMatchObject({ error: { code: 'NotFound' } });
    expect(list.status).toBe(404);
    expect(bad.status).toBe(400);
    expect(c.accepted).toHaveLength(0);
  });
});

describe('fault injection', () => {
  it.each([
    { status: 403, kind: 'send', code: 'MessageWritesBlocked' },
    { status: 403, kind: 'create', code: 'ForbiddenOperationException' },
    { status: 404, kind: 'send', code: 'ConversationNotFound' },
    { status: 412, kind: 'send', code: 'PreconditionFailed' },
    { status: 502, kind: 'send', code: 'ServiceError' },
    { status: 503, kind: 'send', code: 'ServiceUnavailable' },
    { status: 504, kind: 'send', code: 'GatewayTimeout' },
  ] as const)('failNext answers $status $code to a $kind once, then accepts again', async ({ status, kind, code }) => {
    const c = await start();
    c.failNext(1, { status, kind });
    const attempt = () => (kind === 'create' ? create(c, 'person-1') : send(c, 'a:1'));

    const failed = await attempt();
    const next = await attempt();

    expect(failed.status).toBe(status);
    expect(failed.body.error?.code).toBe(code);
    expect(next.status).toBeLessThan(300);
    expect(c.failed).toMatchObject([{ status, code, kind }]);
    expect(c.accepted).toHaveLength(1);
  });

  it('failNext sends the body the test gives and applies only to the calls it matches', async () => {
    const c = await start();
    c.failNext(2, { status: 403, conversationId: 'a:2', body: { error: { code: 'BotDisabledByAdmin', message: 'x' } } });

    expect((await send(c, 'a:1')).status).toBe(200);
    expect((await send(c, 'a:2')).body.error?.code).toBe('BotDisabledByAdmin');
    expect((await send(c, 'a:2')).status).toBe(403);
    expect((await send(c, 'a:2')).status).toBe(200);
  });

  it('an injected 429 carries its Retry-After and blocks its conversation until then', async () => {
    const c = await start();
    c.failNext(1, { status: 429, retryAfter: 2 });

    const throttled = await send(c, 'a:1');

    expect(throttled).toMatchObject({ status: 429, retryAfter: '2', body: { error: { code: 'Throttled' } } });
    expect((await send(c, 'a:1')).status).toBe(429);
    expect(c.retryAfterViolations).toBe(1);
    expect((await send(c, 'a:2')).status).toBe(200);
    expect(c.throttled).toHaveLength(0);
    expect(c.failed).toMatchObject([{ status: 429, code: 'Throttled' }]);
  });

  it('a tenant-wide injected 429 blocks every conversation of the tenant until it expires', async () => {
    const c = await start({ fractionalRetryAfter: true });
    c.failNext(1, { status: 429, retryAfter: 0.2, scope: 'tenant' });
    expect((await send(c, 'a:1')).status).toBe(429);

    expect((await send(c, 'a:2')).status).toBe(429);
    expect((await send(c, 'b:1', 'hei', 'tenant-b')).status).toBe(200);
    await sleep(200);
    expect((await send(c, 'a:3')).status).toBe(200);
    expect(c.violations).toMatchObject([{ conversationId: 'a:2', scope: 'tenant' }]);
  });

  it('throttleEvery answers every n-th call 429 with Retry-After 1 whatever the pace', async () => {
    const c = await start();
    c.throttleEvery(3);
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i += 1) statuses.push((await send(c, `a:${i}`)).status);

    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
    expect(c.failed.map((f) => f.conversationId)).toEqual(['a:3', 'a:6']);
  });

  it('hangNext accepts the call but answers only after the given time', async () => {
    const c = await start();
    c.hangNext(1, { ms: 300 });
    const started = performance.now();

    const answer = await send(c, 'a:1');

    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(c.accepted).toHaveLength(1);
  });

  it('hangNext lets the bot time out, with the call accepted all the same', async () => {
    const c = await start();
    c.hangNext(1, { ms: 5_000 });

    const timedOut = call(c, 'POST', activitiesPath('a:1'), { type: 'message' }, AbortSignal.timeout(100));

    await expect(timedOut).rejects.toThrow();
    expect(c.byConversation('a:1')).toHaveLength(1);
  });

  it('a call hung forever is ended by close()', async () => {
    const c = await start();
    c.hangNext(1, { ms: Infinity });
    const hung = send(c, 'a:1');
    await c.waitFor((a) => a.conversationId === 'a:1');

    await c.close();
    connector = undefined;

    await expect(hung).rejects.toThrow();
  });

  it('slow adds latency to every answer', async () => {
    const c = await start();
    c.slow(150);
    const started = performance.now();

    await Promise.all([send(c, 'a:1'), send(c, 'a:2')]);

    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    c.slow(0);
    const quick = performance.now();
    await send(c, 'a:3');
    expect(performance.now() - quick).toBeLessThan(140);
  });
});

describe('inspection', () => {
  it('maxInWindow and maxTenantInWindow report the most accepted calls in any window', async () => {
    const c = await start();
    await sendMany(c, 'a:1', 3);
    await sleep(250);
    await sendMany(c, 'a:1', 2);
    await send(c, 'a:2');

    expect(c.maxInWindow('a:1', 200)).toBe(3);
    expect(c.maxInWindow('a:1', 1000)).toBe(5);
    expect(c.maxInWindow('a:2', 1000)).toBe(1);
    expect(c.maxInWindow('unknown', 1000)).toBe(0);
    expect(c.maxTenantInWindow(1000)).toBe(6);
    expect(c.maxTenantInWindow(1000, 'tenant-b')).toBe(0);
    expect(c.stats()).toMatchObject({ accepted: 6, conversations: 2, maxPerConversation: { '1000ms': 5 }, maxTenantPerSecond: 6 });
  });

  it('waitFor resolves once enough calls match, and clear() starts over with empty windows', async () => {
    const c = await start();
    const waiting = c.waitFor((a) => a.body.text === 'hei', { count: 2 });
    await send(c, 'a:1');
    await send(c, 'a:1');
    await expect(waiting).resolves.toHaveLength(2);
    await sendMany(c, 'a:1', 6);
    expect(c.throttled).toHaveLength(1);

    c.clear();

    expect(c.accepted).toHaveLength(0);
    expect(c.throttled).toHaveLength(0);
    expect((await send(c, 'a:1')).status).toBe(200);
    await expect(c.waitFor((a) => a.body.text === 'aldri', { ms: 50 })).rejects.toThrow(/waited 50 ms/);
  });
});

describe("botbuilder's ConnectorClient against it", () => {
  // No bot app id in tests: nothing to sign.
  const credentials: ServiceClientCredentials = { signRequest: (request) => Promise.resolve(request) };

  it('creates, sends, replies and updates through the paths and bodies the SDK uses', async () => {
    const c = await start();
    const client = new ConnectorClient(credentials, { baseUri: c.url });

    const conversation = await client.conversations.createConversation({
      members: [{ id: 'entra-1', name: '' }],
      tenantId: TENANT,
      isGroup: false,
      bot: { id: 'bot', name: 'Arkivlos' },
      channelData: { tenant: { id: TENANT } },
    });
    const sent = await client.conversations.sendToConversation(conversation.id, { type: 'message', text: 'hei' });
    await client.conversations.replyToActivity(conversation.id, sent.id, { type: 'message', text: 'svar' });
    await client.conversations.updateActivity(conversation.id, sent.id, { type: 'message', text: 'endret', id: sent.id });

    expect(conversation.id).toBe('a:conv-entra-1');
    expect(c.accepted.map((a) => [a.kind, a.conversationId, a.tenantId])).toEqual([
      ['create', 'a:conv-entra-1', TENANT],
      ['send', 'a:conv-entra-1', TENANT],
      ['reply', 'a:conv-entra-1', TENANT],
      ['update', 'a:conv-entra-1', TENANT],
    ]);
  });

  it('retries a 429 by itself after its Retry-After, so the caller sees only the success', async () => {
    // Worth knowing for the outbox: the SDK's pipeline (@azure/core-rest-pipeline) hides 429s and
    // 5xx behind up to three retries of its own.
    const c = await start();
    const client = new ConnectorClient(credentials, { baseUri: c.url });
    c.failNext(1, { status: 429, retryAfter: 1 });
    const started = performance.now();

    const sent = await client.conversations.sendToConversation('a:1', { type: 'message', text: 'hei' });

    expect(sent.id).toBeDefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(c.failed).toHaveLength(1);
    expect(c.retryAfterViolations).toBe(0);
  });
});
