/**
 * The posted session card kept current (domain/qa/session-card.ts) on a real database: every
 * moderation change and the known-error register update it through the outbox, many changes
 * make one waiting update with the newest card, and the schedule job posts and opens once when
 * two instances run it at the same moment; when the card is due.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveConversationReference } from '../../domain/conversations/save-conversation-reference.js';
import { changeKnownErrorStatus } from '../../domain/known-errors/change-known-error-status.js';
import { reportKnownError } from '../../domain/known-errors/report-known-error.js';
import { answerQuestion } from '../../domain/qa/answer-question.js';
import { closeSession } from '../../domain/qa/close-session.js';
import { createSession } from '../../domain/qa/create-session.js';
import { editAnswer } from '../../domain/qa/edit-answer.js';
import { hideQuestion } from '../../domain/qa/hide-question.js';
import { mergeQuestion } from '../../domain/qa/merge-question.js';
import { reopenQuestion } from '../../domain/qa/reopen-question.js';
import { enqueueSessionCardUpdate, postSessionCard } from '../../domain/qa/session-card.js';
import { cardPostAt, runQaSessions } from '../../domain/qa/sessions-job.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteQuestion } from '../../domain/qa/vote-question.js';
import type { Database } from '../../infra/database.js';
import { ASKER_EN, ASKER_NB, ASKER_NN, hoursFromNow, NOW, voter, type TestPerson, openQaTestDatabase } from './qa-people.js';

let db: Database;
let actor: (person: TestPerson) => Promise<QaActor>;
let moderator: QaActor;
let n = 0;

beforeAll(async () => {
  ({ db, actor, moderator } = await openQaTestDatabase());
});
afterAll(async () => db?.close());

async function postedSession(options: { startsIn?: number } = {}) {
  n += 1;
  const conversationId = `19:card-${n}@thread.tacv2`;
  await saveConversationReference(db.prisma, { conversationId, scope: 'channel', serviceUrl: 'https://smba.example/teams/', reference: { conversation: { id: conversationId } } });
  const [session] = await createSession(db.prisma, {
    conversationId, title: `Oppstart ${n}`, anonymousAllowed: true,
    schedule: { once: { startsAt: hoursFromNow(options.startsIn ?? 1), endsAt: hoursFromNow((options.startsIn ?? 1) + 1) } }, actor: moderator, now: NOW,
  });
  return { id: session!.id, conversationId };
}
const ask = async (sessionId: string, by: TestPerson, text: string, kind: 'question' | 'error_report' = 'question') =>
  (await submitQuestion(db.prisma, { sessionId, kind, text, anonymous: false, asker: await actor(by), now: NOW })).id;
const change = (questionId: string, expectedVersion: number) => ({ questionId, expectedVersion, actor: moderator, now: NOW });

/** The card of the newest update of the session's posted card waiting in the outbox, as its lines. */
async function waitingCard(sessionId: string): Promise<string[]> {
  const session = await db.prisma.qaSession.findUniqueOrThrow({ where: { id: sessionId } });
  const updates = await db.prisma.outboxMessage.findMany({ where: { targetMessageId: session.cardMessageId!, kind: 'update' }, orderBy: { id: 'desc' } });
  expect(updates.length).toBeGreaterThan(0);
  const json = JSON.stringify(updates[0]!.activity);
  return [...json.matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);
}

describe('the posted session card', () => {
  it('is posted once, and nothing is updated before it is', async () => {
    const { id, conversationId } = await postedSession();
    await db.prisma.$transaction((tx) => enqueueSessionCardUpdate(tx, id));
    expect(await db.prisma.outboxMessage.count({ where: { conversationId } })).toBe(0);
    const first = await db.prisma.$transaction((tx) => postSessionCard(tx, id));
    expect(await db.prisma.$transaction((tx) => postSessionCard(tx, id))).toBeNull();
    expect(first).not.toBeNull();
    expect(await db.prisma.outboxMessage.count({ where: { conversationId } })).toBe(1);
    expect((await db.prisma.qaSession.findUniqueOrThrow({ where: { id } })).cardMessageId).toBe(first);
  });

  it('every moderation change updates it: answer, edit, hide, reopen, merge, and a known error’s status', async () => {
    const { id } = await postedSession();
    await db.prisma.$transaction((tx) => postSessionCard(tx, id));
    const first = await ask(id, ASKER_NB, 'Hvor finner jeg malen?');
    const duplicate = await ask(id, ASKER_NN, 'Kvar finn eg malen?');
    const report = await ask(id, ASKER_EN, 'Printing the journal fails', 'error_report');

    await answerQuestion(db.prisma, { ...change(first, 1), answer: 'Under Maler i menyen.' });
    expect(await waitingCard(id)).toContain('Under Maler i menyen.');
    await editAnswer(db.prisma, { ...change(first, 2), answer: 'Under Maler, øverst i menyen.' });
    expect(await waitingCard(id)).toContain('Under Maler, øverst i menyen.');
    await hideQuestion(db.prisma, { ...change(first, 3), reason: 'Besvart på intranett' });
    expect(await waitingCard(id)).not.toContain('Hvor finner jeg malen?');
    await reopenQuestion(db.prisma, change(first, 4));
    expect(await waitingCard(id)).toContain('Hvor finner jeg malen?');
    await mergeQuestion(db.prisma, { ...change(duplicate, 1), intoQuestionId: first });
    expect(await waitingCard(id)).not.toContain('Kvar finn eg malen?');
    expect(await waitingCard(id)).toContain('1. Spørsmål · 1 stemme · Berit Bokmål');

    const { knownErrorId } = await reportKnownError(db.prisma, { questionId: report, actor: moderator, now: NOW });
    expect(await waitingCard(id)).toContain('Kjent feil: Printing the journal fails – registrert');
    await changeKnownErrorStatus(db.prisma, { knownErrorId, expectedVersion: 1, status: 'under_arbeid', actor: moderator, now: NOW });
    expect(await waitingCard(id)).toContain('Kjent feil: Printing the journal fails – under arbeid');

    // All of it waited in the outbox together: one update, holding the newest card.
    const session = await db.prisma.qaSession.findUniqueOrThrow({ where: { id } });
    expect(await db.prisma.outboxMessage.count({ where: { targetMessageId: session.cardMessageId!, kind: 'update' } })).toBe(1);
  });

  it('an update already being sent is left alone: the next change queues a new one after it', async () => {
    const { id } = await postedSession();
    await db.prisma.$transaction((tx) => postSessionCard(tx, id));
    const question = await ask(id, ASKER_NB, 'Første');
    const session = await db.prisma.qaSession.findUniqueOrThrow({ where: { id } });
    await db.prisma.outboxMessage.updateMany({ where: { targetMessageId: session.cardMessageId! }, data: { state: 'sending', lockedBy: 'another-instance' } });
    await voteQuestion(db.prisma, { questionId: question, voter: await actor(voter(0)), now: NOW });
    const updates = await db.prisma.outboxMessage.findMany({ where: { targetMessageId: session.cardMessageId! }, orderBy: { id: 'asc' } });
    expect(updates.map((update) => update.state)).toEqual(['sending', 'waiting']);
    expect(JSON.stringify(updates[1]!.activity)).toContain('1 stemme');
  });

  it('closing updates the closed session’s card and the card of the session its questions went to', async () => {
    const { id, conversationId } = await postedSession({ startsIn: 1 });
    const [next] = await createSession(db.prisma, {
      conversationId, title: 'Neste', anonymousAllowed: false, schedule: { once: { startsAt: hoursFromNow(3), endsAt: hoursFromNow(4) } }, actor: moderator, now: NOW,
    });
    await db.prisma.$transaction(async (tx) => {
      await postSessionCard(tx, id);
      await postSessionCard(tx, next!.id);
    });
    await ask(id, ASKER_NB, 'Ubesvart til slutt');
    await closeSession(db.prisma, { sessionId: id, actor: 'system', now: hoursFromNow(2) });
    expect(await waitingCard(id)).toContain('Status: Avsluttet');
    expect(await waitingCard(next!.id)).toContain('1. Spørsmål · 0 stemmer · Berit Bokmål · fra forrige spørretime');
  });
});

describe('the schedule job', () => {
  it('posts the card and opens the session once when two instances run at the same moment', async () => {
    // Later than every other test's sessions, which this run closes first.
    const { id, conversationId } = await postedSession({ startsIn: 30 });
    const atStart = hoursFromNow(30);
    const errors: unknown[] = [];
    const context = { prisma: db.prisma, now: atStart, onError: (error: unknown) => errors.push(error) };
    const [a, b] = await Promise.all([runQaSessions(context, 60), runQaSessions(context, 60)]);
    expect(errors).toEqual([]);
    expect(a.posted + b.posted).toBe(1);
    expect(a.opened + b.opened).toBe(1);
    expect(await db.prisma.outboxMessage.count({ where: { conversationId, kind: 'send' } })).toBe(1);
    expect((await db.prisma.qaSession.findUniqueOrThrow({ where: { id } })).state).toBe('open');
    const [c, d] = await Promise.all([runQaSessions({ ...context, now: hoursFromNow(31) }, 60), runQaSessions({ ...context, now: hoursFromNow(31) }, 60)]);
    expect(c.closed + d.closed).toBe(1);
    expect(errors).toEqual([]);
  });

  it('posts a card at the daily card time on the working day before, or the set minutes before the start', () => {
    const settings = { cardLeadMinutes: null, dailyCardTime: '07:30', timeZone: 'Europe/Oslo' };
    // Monday 7 December 2026, 09:00 in Oslo → Friday 4 December 07:30.
    expect(cardPostAt(new Date('2026-12-07T08:00:00Z'), settings)).toEqual(new Date('2026-12-04T06:30:00Z'));
    // Monday 28 December → Thursday 24 December (julaften is a working day; Christmas Day, Boxing Day and Sunday are not).
    expect(cardPostAt(new Date('2026-12-28T08:00:00Z'), settings)).toEqual(new Date('2026-12-24T06:30:00Z'));
    expect(cardPostAt(new Date('2026-12-07T08:00:00Z'), { ...settings, cardLeadMinutes: 90 })).toEqual(new Date('2026-12-07T06:30:00Z'));
  });
});
