import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorCode } from '../../domain/errors.js';
import { answerQuestion } from '../../domain/qa/answer-question.js';
import { createSession } from '../../domain/qa/create-session.js';
import { editAnswer } from '../../domain/qa/edit-answer.js';
import { hideQuestion } from '../../domain/qa/hide-question.js';
import { mergeQuestion } from '../../domain/qa/merge-question.js';
import { reopenQuestion } from '../../domain/qa/reopen-question.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteCount, voteQuestion } from '../../domain/qa/vote-question.js';
import type { Database } from '../../infra/database.js';
import { ASKER_EN, ASKER_NB, ASKER_NN, hoursFromNow, messagesTo, NOW, voter, type TestPerson, openQaTestDatabase } from './qa-people.js';

let db: Database;
let actor: (person: TestPerson) => Promise<QaActor>;
let moderator: QaActor;
let n = 0;

beforeAll(async () => {
  ({ db, actor, moderator } = await openQaTestDatabase());
});
afterAll(async () => db?.close());

async function newSession() {
  n += 1;
  const [session] = await createSession(db.prisma, {
    conversationId: `19:mod-${n}@thread.tacv2`, title: `Oppstart ${n}`, anonymousAllowed: true,
    schedule: { once: { startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) } }, actor: moderator, now: NOW,
  });
  return { id: session!.id, title: `Oppstart ${n}` };
}
const ask = async (sessionId: string, by: TestPerson, text = 'Hvordan skanner jeg inn et brev?', anonymous = false) =>
  (await submitQuestion(db.prisma, { sessionId, kind: 'question', text, anonymous, asker: await actor(by), now: NOW })).id;
const vote = async (questionId: string, person: TestPerson) => voteQuestion(db.prisma, { questionId, voter: await actor(person), now: NOW });
const idOf = async (person: TestPerson) => (await actor(person)).personId;
const change = (questionId: string, expectedVersion: number) => ({ questionId, expectedVersion, actor: moderator, now: NOW });

describe('answering', () => {
  it('refuses to mark a question answered without a written answer', async () => {
    const session = await newSession();
    const id = await ask(session.id, ASKER_NB);
    await expect(answerQuestion(db.prisma, { ...change(id, 1), answer: '   ' })).rejects.toMatchObject({ code: AppErrorCode.QA_ANSWER_REQUIRED });
    expect(await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'open', answer: null, version: 1 });
  });

  it('tells the asker and every voter in their own language, once each, through the outbox, and audits the answer', async () => {
    const session = await newSession();
    const id = await ask(session.id, ASKER_NN, 'Korleis skannar eg inn eit brev?', true);
    await vote(id, ASKER_EN);
    await vote(id, ASKER_NB);
    await answerQuestion(db.prisma, { ...change(id, 1), answer: 'Bruk skannaren i 2. etasje og velg «Til sakssystemet».' });
    const [nn] = await messagesTo(db.prisma, await idOf(ASKER_NN));
    expect(nn).toBe(`Spørsmålet ditt i «${session.title}» er svart på.\n\n«Korleis skannar eg inn eit brev?»\n\nBruk skannaren i 2. etasje og velg «Til sakssystemet».`);
    expect((await messagesTo(db.prisma, await idOf(ASKER_EN))).at(-1)).toMatch(/^A question you voted for in “Oppstart \d+” has been answered\./);
    expect((await messagesTo(db.prisma, await idOf(ASKER_NB))).at(-1)).toMatch(/^Et spørsmål du stemte på i «Oppstart \d+» er besvart\./);
    expect(await messagesTo(db.prisma, moderator.personId)).toEqual([]);
    const row = await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'answered', answeredById: moderator.personId, version: 2 });
    expect(await db.prisma.auditEntry.count({ where: { entity: 'qa_question', entityId: id, action: 'qa.question.answered' } })).toBe(1);
  });

  it('refuses a second moderator’s answer from a card that showed the question before the first answer (STALE), and tells nobody twice', async () => {
    const session = await newSession();
    const id = await ask(session.id, ASKER_NB);
    const results = await Promise.allSettled([
      answerQuestion(db.prisma, { ...change(id, 1), answer: 'Svar A' }),
      answerQuestion(db.prisma, { ...change(id, 1), answer: 'Svar B' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: AppErrorCode.STALE });
    const told = (await messagesTo(db.prisma, await idOf(ASKER_NB))).filter((text) => text.includes(session.title));
    expect(told).toHaveLength(1);
  });

  it('edits an answer without telling anyone again, and refuses to edit the answer of a question that has none', async () => {
    const session = await newSession();
    const id = await ask(session.id, ASKER_EN);
    await expect(editAnswer(db.prisma, { ...change(id, 1), answer: 'Nytt svar' })).rejects.toMatchObject({ code: AppErrorCode.QA_QUESTION_NOT_OPEN });
    await answerQuestion(db.prisma, { ...change(id, 1), answer: 'Første svar' });
    const before = (await messagesTo(db.prisma, await idOf(ASKER_EN))).length;
    await editAnswer(db.prisma, { ...change(id, 2), answer: 'Rettet svar' });
    expect(await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'answered', answer: 'Rettet svar', version: 3 });
    expect(await messagesTo(db.prisma, await idOf(ASKER_EN))).toHaveLength(before);
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { entityId: id, action: 'qa.question.answerEdited' } });
    expect(audit.before).toMatchObject({ answer: 'Første svar' });
  });
});

describe('hiding and reopening', () => {
  it('hides a question with its reason and tells the asker, in their language, the reason included', async () => {
    const session = await newSession();
    const id = await ask(session.id, ASKER_EN, 'What is the wifi password?');
    await expect(hideQuestion(db.prisma, { ...change(id, 1), reason: ' ' })).rejects.toMatchObject({ code: AppErrorCode.QA_TEXT_LENGTH });
    await hideQuestion(db.prisma, { ...change(id, 1), reason: 'Spør IT-brukerstøtte om dette.' });
    expect(await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'hidden', hiddenReason: 'Spør IT-brukerstøtte om dette.' });
    expect((await messagesTo(db.prisma, await idOf(ASKER_EN))).at(-1)).toBe(
      `Your question in “${session.title}” was hidden by the moderator. Reason: Spør IT-brukerstøtte om dette.\n\n“What is the wifi password?”`,
    );
  });

  it('reopens a hidden question with its votes, and an answered one without its answer', async () => {
    const session = await newSession();
    const hidden = await ask(session.id, ASKER_NB);
    await vote(hidden, voter(0));
    await hideQuestion(db.prisma, { ...change(hidden, 1), reason: 'Duplikat' });
    await reopenQuestion(db.prisma, change(hidden, 2));
    expect(await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id: hidden } })).toMatchObject({ status: 'open', hiddenReason: null, version: 3 });
    expect(await voteCount(db.prisma, hidden)).toBe(1);
    const answered = await ask(session.id, ASKER_NB);
    await answerQuestion(db.prisma, { ...change(answered, 1), answer: 'Svar' });
    await reopenQuestion(db.prisma, change(answered, 2));
    expect(await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id: answered } })).toMatchObject({ status: 'open', answer: null, answeredAt: null });
    await expect(reopenQuestion(db.prisma, change(answered, 3))).rejects.toMatchObject({ code: AppErrorCode.QA_QUESTION_NOT_OPEN });
  });
});

describe('merging duplicates', () => {
  it('combines the votes with nobody counted twice: shared voters once, the duplicate’s asker becomes a voter, the kept asker never votes for their own', async () => {
    const session = await newSession();
    const kept = await ask(session.id, ASKER_NB, 'Hvordan skanner jeg?');
    const duplicate = await ask(session.id, ASKER_NN, 'Korleis skannar eg?');
    await vote(kept, voter(0));
    await vote(kept, voter(1));
    await vote(duplicate, voter(1)); // voted for both: counts once
    await vote(duplicate, voter(2));
    await vote(duplicate, ASKER_NB); // the kept question's asker voted for the duplicate: not moved
    const result = await mergeQuestion(db.prisma, { ...change(duplicate, 1), intoQuestionId: kept });
    const voters = (await db.prisma.qaVote.findMany({ where: { questionId: kept } })).map((v) => v.personId).sort();
    expect(voters).toEqual([await idOf(voter(0)), await idOf(voter(1)), await idOf(voter(2)), await idOf(ASKER_NN)].sort());
    expect(result.votes).toBe(4);
    expect(await voteCount(db.prisma, duplicate)).toBe(0);
    expect(await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id: duplicate } })).toMatchObject({ status: 'merged', mergedIntoId: kept, version: 2 });
  });

  it('merges a duplicate asked by the same person without giving them a vote for their own question', async () => {
    const session = await newSession();
    const kept = await ask(session.id, ASKER_NB);
    const duplicate = await ask(session.id, ASKER_NB);
    await mergeQuestion(db.prisma, { ...change(duplicate, 1), intoQuestionId: kept });
    expect(await voteCount(db.prisma, kept)).toBe(0);
  });

  it('points earlier duplicates of the duplicate to the kept question', async () => {
    const session = await newSession();
    const [a, b, c] = [await ask(session.id, ASKER_NB), await ask(session.id, ASKER_NN), await ask(session.id, ASKER_EN)];
    await mergeQuestion(db.prisma, { ...change(c, 1), intoQuestionId: b });
    await mergeQuestion(db.prisma, { ...change(b, 1), intoQuestionId: a });
    expect((await db.prisma.qaQuestion.findUniqueOrThrow({ where: { id: c } })).mergedIntoId).toBe(a);
    expect(await voteCount(db.prisma, a)).toBe(2);
  });

  it('refuses to merge into itself, across sessions, or into a hidden question', async () => {
    const session = await newSession();
    const other = await newSession();
    const a = await ask(session.id, ASKER_NB);
    const b = await ask(other.id, ASKER_NN);
    const hidden = await ask(session.id, ASKER_EN);
    await hideQuestion(db.prisma, { ...change(hidden, 1), reason: 'Skjult' });
    await expect(mergeQuestion(db.prisma, { ...change(a, 1), intoQuestionId: a })).rejects.toMatchObject({ code: AppErrorCode.INVALID_INPUT });
    await expect(mergeQuestion(db.prisma, { ...change(a, 1), intoQuestionId: b })).rejects.toMatchObject({ code: AppErrorCode.INVALID_INPUT });
    await expect(mergeQuestion(db.prisma, { ...change(a, 1), intoQuestionId: hidden })).rejects.toMatchObject({ code: AppErrorCode.QA_QUESTION_NOT_OPEN });
  });

  it('keeps the count right when people vote while the moderator merges', async () => {
    const session = await newSession();
    const kept = await ask(session.id, ASKER_NB);
    const duplicate = await ask(session.id, ASKER_NN);
    const voting = Array.from({ length: 20 }, (_, i) => [vote(kept, voter(i)), vote(duplicate, voter(i + 10))]).flat();
    const merging = mergeQuestion(db.prisma, { ...change(duplicate, 1), intoQuestionId: kept });
    const settled = await Promise.allSettled([...voting, merging]);
    // Votes on the duplicate after the merge are refused; every other vote counts once on the kept question.
    const refused = settled.filter((r) => r.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: AppErrorCode.QA_QUESTION_NOT_OPEN });
    const votes = await db.prisma.qaVote.findMany({ where: { questionId: kept } });
    expect(votes.length).toBe(new Set(votes.map((v) => v.personId)).size);
    expect(await voteCount(db.prisma, duplicate)).toBe(0);
    // voters 0–29 (those of the duplicate that came before the merge among them) and the duplicate's asker
    expect(votes.map((v) => v.personId)).toContain(await idOf(ASKER_NN));
    expect(votes.length).toBeGreaterThanOrEqual(21);
  });
});
