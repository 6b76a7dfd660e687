import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorCode } from '../../domain/errors.js';
import { closeSession } from '../../domain/qa/close-session.js';
import { createSession } from '../../domain/qa/create-session.js';
import { hideQuestion } from '../../domain/qa/hide-question.js';
import { mergeQuestion } from '../../domain/qa/merge-question.js';
import { openSession } from '../../domain/qa/open-session.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteQuestion } from '../../domain/qa/vote-question.js';
import { withdrawVote } from '../../domain/qa/withdraw-vote.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';
import { ASKER_NB, ASKER_NN, hoursFromNow, importQaPeople, MODERATOR, NOW, voter, type TestPerson } from './qa-people.js';

let db: Database;
let actor: (person: TestPerson) => Promise<QaActor>;
let moderator: QaActor;
let asker: QaActor;
let n = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  actor = await importQaPeople(db.prisma);
  moderator = await actor(MODERATOR);
  asker = await actor(ASKER_NB);
});
afterAll(async () => db?.close());

async function newSession(options: { anonymousAllowed?: boolean } = {}) {
  n += 1;
  const [session] = await createSession(db.prisma, {
    conversationId: `19:group-${n}@thread.v2`, title: `Spørretime ${n}`, anonymousAllowed: options.anonymousAllowed ?? false,
    schedule: { once: { startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) } }, actor: moderator, now: NOW,
  });
  return session!.id;
}
const ask = (sessionId: string, options: { by?: QaActor; text?: string; anonymous?: boolean; kind?: 'question' | 'error_report' } = {}) =>
  submitQuestion(db.prisma, { sessionId, kind: options.kind ?? 'question', text: options.text ?? 'Hvordan arkiverer jeg en e-post?', anonymous: options.anonymous ?? false, asker: options.by ?? asker, now: NOW });
const vote = async (questionId: string, person: TestPerson) => voteQuestion(db.prisma, { questionId, voter: await actor(person), now: NOW });

describe('submitting questions and error reports', () => {
  it('takes a question and an error report while the session is planned, and while it is open', async () => {
    const sessionId = await newSession();
    const { id } = await ask(sessionId, { text: '  Hvor finner jeg malene?  ' });
    await openSession(db.prisma, { sessionId, actor: 'system', now: NOW });
    const report = await ask(sessionId, { kind: 'error_report', text: 'Journalposten låser seg ved lagring' });
    const rows = await db.prisma.qaQuestion.findMany({ where: { sessionId }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((q) => [q.id, q.kind, q.text, q.status, q.askerId, q.anonymous])).toEqual([
      [id, 'question', 'Hvor finner jeg malene?', 'open', asker.personId, false],
      [report.id, 'error_report', 'Journalposten låser seg ved lagring', 'open', asker.personId, false],
    ]);
  });

  it('refuses questions once the session is closed', async () => {
    const sessionId = await newSession();
    await closeSession(db.prisma, { sessionId, actor: moderator, now: NOW });
    await expect(ask(sessionId)).rejects.toMatchObject({ code: AppErrorCode.QA_SESSION_CLOSED });
  });

  it('takes an anonymous question only where the session allows it, and stores its asker all the same', async () => {
    const closed = await newSession({ anonymousAllowed: false });
    await expect(ask(closed, { anonymous: true })).rejects.toMatchObject({ code: AppErrorCode.QA_ANONYMOUS_NOT_ALLOWED });
    const open = await newSession({ anonymousAllowed: true });
    const { id } = await ask(open, { anonymous: true });
    expect(await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id } })).toMatchObject({ anonymous: true, askerId: asker.personId });
  });

  it('refuses an empty question and one over 1000 characters, and takes one of exactly 1000', async () => {
    const sessionId = await newSession();
    await expect(ask(sessionId, { text: '   ' })).rejects.toMatchObject({ code: AppErrorCode.QA_TEXT_LENGTH });
    await expect(ask(sessionId, { text: 'x'.repeat(1001) })).rejects.toMatchObject({ code: AppErrorCode.QA_TEXT_LENGTH });
    await expect(ask(sessionId, { text: 'x'.repeat(1000) })).resolves.toHaveProperty('id');
  });
});

describe('voting', () => {
  it('counts one vote per person however often they vote, and a withdrawn vote no more', async () => {
    const { id } = await ask(await newSession());
    expect(await vote(id, voter(0))).toEqual({ votes: 1, voted: true, changed: true });
    expect(await vote(id, voter(0))).toEqual({ votes: 1, voted: true, changed: false });
    expect(await vote(id, voter(1))).toMatchObject({ votes: 2 });
    expect(await withdrawVote(db.prisma, { questionId: id, voter: await actor(voter(0)), now: NOW })).toEqual({ votes: 1, voted: false, changed: true });
    expect(await withdrawVote(db.prisma, { questionId: id, voter: await actor(voter(0)), now: NOW })).toEqual({ votes: 1, voted: false, changed: false });
    expect(await vote(id, voter(0))).toMatchObject({ votes: 2, changed: true });
  });

  it('refuses the asker’s vote on their own question', async () => {
    const { id } = await ask(await newSession());
    await expect(vote(id, ASKER_NB)).rejects.toMatchObject({ code: AppErrorCode.QA_OWN_QUESTION });
    expect(await db.prisma.qaVote.count({ where: { questionId: id } })).toBe(0);
  });

  it('refuses votes on a hidden question and on a merged one', async () => {
    const sessionId = await newSession();
    const hidden = await ask(sessionId);
    await hideQuestion(db.prisma, { questionId: hidden.id, expectedVersion: 1, reason: 'Ikke et spørsmål om systemet', actor: moderator, now: NOW });
    await expect(vote(hidden.id, voter(0))).rejects.toMatchObject({ code: AppErrorCode.QA_QUESTION_NOT_OPEN });
    const kept = await ask(sessionId);
    const duplicate = await ask(sessionId, { by: await actor(ASKER_NN) });
    await mergeQuestion(db.prisma, { questionId: duplicate.id, intoQuestionId: kept.id, expectedVersion: 1, actor: moderator, now: NOW });
    await expect(vote(duplicate.id, voter(0))).rejects.toMatchObject({ code: AppErrorCode.QA_QUESTION_NOT_OPEN });
  });

  it('refuses votes and withdrawals once the session is closed, and keeps the votes it had', async () => {
    const sessionId = await newSession();
    const { id } = await ask(sessionId);
    await vote(id, voter(0));
    await closeSession(db.prisma, { sessionId, actor: moderator, now: NOW });
    await expect(vote(id, voter(1))).rejects.toMatchObject({ code: AppErrorCode.QA_SESSION_CLOSED });
    await expect(withdrawVote(db.prisma, { questionId: id, voter: await actor(voter(0)), now: NOW })).rejects.toMatchObject({ code: AppErrorCode.QA_SESSION_CLOSED });
    expect(await db.prisma.qaVote.count({ where: { questionId: id } })).toBe(1);
  });
});
