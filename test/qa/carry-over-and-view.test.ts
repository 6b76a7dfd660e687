import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorCode } from '../../domain/errors.js';
import { reportKnownError } from '../../domain/known-errors/report-known-error.js';
import { answerQuestion } from '../../domain/qa/answer-question.js';
import { closeSession } from '../../domain/qa/close-session.js';
import { createSession } from '../../domain/qa/create-session.js';
import { hideQuestion } from '../../domain/qa/hide-question.js';
import { mergeQuestion } from '../../domain/qa/merge-question.js';
import { sessionView } from '../../domain/qa/session-view.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteCount, voteQuestion } from '../../domain/qa/vote-question.js';
import type { Database } from '../../infra/database.js';
import { ASKER_EN, ASKER_NB, ASKER_NN, NOW, voter, type TestPerson, openQaTestDatabase } from './qa-people.js';

let db: Database;
let actor: (person: TestPerson) => Promise<QaActor>;
let moderator: QaActor;
let n = 0;

beforeAll(async () => {
  ({ db, actor, moderator } = await openQaTestDatabase());
});
afterAll(async () => db?.close());

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const ask = async (sessionId: string, by: TestPerson, text: string, options: { anonymous?: boolean; minute?: number; kind?: 'question' | 'error_report' } = {}) =>
  (await submitQuestion(db.prisma, { sessionId, kind: options.kind ?? 'question', text, anonymous: options.anonymous ?? false, asker: await actor(by), now: at(options.minute ?? 0) })).id;
const votes = async (questionId: string, from: number, count: number) => {
  for (let i = from; i < from + count; i++) await voteQuestion(db.prisma, { questionId, voter: await actor(voter(i)), now: NOW });
};
async function pair() {
  n += 1;
  return createSession(db.prisma, {
    conversationId: `19:pair-${n}@thread.tacv2`, title: 'Nytt sakssystem', anonymousAllowed: true, actor: moderator, now: NOW,
    schedule: { pair: { dates: ['2026-10-29', '2026-10-30'], opening: { start: '08:30', end: '09:00' }, closing: { start: '14:30', end: '15:00' } } },
  });
}

describe('closing a session carries its unanswered questions over', () => {
  it('carries the open questions to the day’s closing session with asker, anonymity, time of asking and votes; answered and hidden ones stay', async () => {
    const [opening, closing, nextOpening] = await pair();
    const open = await ask(opening!.id, ASKER_NB, 'Hvor er malene?', { minute: 1 });
    const anonymous = await ask(opening!.id, ASKER_NN, 'Kven har tilgang?', { anonymous: true, minute: 2 });
    const answered = await ask(opening!.id, ASKER_EN, 'Where is the manual?', { minute: 3 });
    const hidden = await ask(opening!.id, ASKER_EN, 'Off topic', { minute: 4 });
    await votes(open, 0, 3);
    await votes(anonymous, 3, 1);
    await answerQuestion(db.prisma, { questionId: answered, expectedVersion: 1, answer: 'På intranettet.', actor: moderator, now: NOW });
    await hideQuestion(db.prisma, { questionId: hidden, expectedVersion: 1, reason: 'Ikke om systemet', actor: moderator, now: NOW });

    expect(await closeSession(db.prisma, { sessionId: opening!.id, actor: moderator, now: NOW })).toEqual({ carriedTo: closing!.id, carried: 2 });
    const carried = await db.prisma.qaQuestion.findMany({ where: { sessionId: closing!.id }, orderBy: { createdAt: 'asc' } });
    expect(carried.map((q) => [q.carriedFromId, q.text, q.askerId, q.anonymous, q.status, q.createdAt.toISOString()])).toEqual([
      [open, 'Hvor er malene?', (await actor(ASKER_NB)).personId, false, 'open', at(1).toISOString()],
      [anonymous, 'Kven har tilgang?', (await actor(ASKER_NN)).personId, true, 'open', at(2).toISOString()],
    ]);
    expect(await voteCount(db.prisma, carried[0]!.id)).toBe(3);
    expect(await voteCount(db.prisma, carried[1]!.id)).toBe(1);
    expect((await db.prisma.qaSession.findUniqueOrThrow({ where: { id: opening!.id } })).state).toBe('closed');

    // The closing session carries on to the next day's opening session.
    await closeSession(db.prisma, { sessionId: closing!.id, actor: moderator, now: NOW });
    const next = await db.prisma.qaQuestion.findMany({ where: { sessionId: nextOpening!.id } });
    expect(next.map((q) => q.carriedFromId).sort()).toEqual(carried.map((q) => q.id).sort());
  });

  it('carries nothing when no later session is planned, and refuses to close a session twice', async () => {
    const sessions = await pair();
    const last = sessions.at(-1)!;
    await ask(last.id, ASKER_NB, 'Siste spørsmål');
    expect(await closeSession(db.prisma, { sessionId: last.id, actor: moderator, now: NOW })).toEqual({ carriedTo: null, carried: 0 });
    await expect(closeSession(db.prisma, { sessionId: last.id, actor: moderator, now: NOW })).rejects.toMatchObject({ code: AppErrorCode.QA_SESSION_CLOSED });
  });
});

describe('the session view', () => {
  it('ranks questions by votes, ties oldest first; shows the top N and counts the rest, hidden and merged ones apart', async () => {
    const [session] = await pair();
    const id = session!.id;
    const q = [] as string[];
    for (let i = 0; i < 6; i++) q.push(await ask(id, i % 2 ? ASKER_NB : ASKER_EN, `Spørsmål ${i}`, { minute: i }));
    await votes(q[3]!, 0, 3);
    await votes(q[1]!, 0, 2);
    await votes(q[4]!, 10, 2); // ties with q1, asked later
    await hideQuestion(db.prisma, { questionId: q[5]!, expectedVersion: 1, reason: 'Skjult', actor: moderator, now: NOW });
    const duplicate = await ask(id, ASKER_NN, 'Duplikat', { minute: 7 });
    await mergeQuestion(db.prisma, { questionId: duplicate, intoQuestionId: q[0]!, expectedVersion: 1, actor: moderator, now: NOW });
    const errorReport = await ask(id, ASKER_NN, 'Lagring feiler', { minute: 8, kind: 'error_report' });

    const view = await sessionView(db.prisma, id, { top: 4 });
    // q0 has the duplicate's asker as its one voter.
    expect(view.questions.map((x) => [x.text, x.votes])).toEqual([['Spørsmål 3', 3], ['Spørsmål 1', 2], ['Spørsmål 4', 2], ['Spørsmål 0', 1]]);
    expect(view.restCount).toBe(2);
    expect(view.counts).toEqual({ open: 6, answered: 0, hidden: 1, merged: 1, errorReports: 1, votes: 8 });

    const { knownErrorId } = await reportKnownError(db.prisma, { questionId: errorReport, actor: moderator, now: NOW });
    const all = await sessionView(db.prisma, id, { top: 100 });
    expect(all.restCount).toBe(0);
    expect(all.questions.find((x) => x.id === errorReport)).toMatchObject({ kind: 'error_report', knownError: { id: knownErrorId, title: 'Lagring feiler', status: 'registrert' } });
  });

  it('never carries the asker of an anonymous question: neither id nor name is anywhere in the view’s JSON', async () => {
    const [session] = await pair();
    const anonymousAsker = await actor(ASKER_NN);
    const anonymous = await ask(session!.id, ASKER_NN, 'Må eg kunne alt frå dag éin?', { anonymous: true });
    const named = await ask(session!.id, ASKER_NB, 'Hvem er superbrukerne?');
    await votes(anonymous, 0, 2);
    const view = await sessionView(db.prisma, session!.id);
    const json = JSON.stringify(view);
    expect(json).not.toContain(anonymousAsker.personId);
    expect(json).not.toContain(anonymousAsker.aadObjectId);
    expect(json).not.toContain(ASKER_NN.name);
    expect(view.questions.find((x) => x.id === anonymous)).not.toHaveProperty('asker');
    expect(view.questions.find((x) => x.id === named)?.asker).toEqual({ id: (await actor(ASKER_NB)).personId, name: ASKER_NB.name });
  });
});
