import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../domain/qa/create-session.js';
import { sessionView } from '../../domain/qa/session-view.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteCount, voteQuestion } from '../../domain/qa/vote-question.js';
import { withdrawVote } from '../../domain/qa/withdraw-vote.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';
import { ASKER_NB, hoursFromNow, importQaPeople, MODERATOR, NOW, voter } from './qa-people.js';

let db: Database;
let voters: QaActor[];
let questionId: string;
let sessionId: string;

beforeAll(async () => {
  // A pool of connections, so the votes really run at the same moment on separate connections.
  db = await createTestDatabase({ poolSize: 25 });
  const actor = await importQaPeople(db.prisma);
  const moderator = await actor(MODERATOR);
  voters = await Promise.all(Array.from({ length: 50 }, (_, i) => actor(voter(i))));
  const [session] = await createSession(db.prisma, {
    conversationId: '19:rollout@thread.tacv2', title: 'Spørretime', anonymousAllowed: false,
    schedule: { once: { startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) } }, actor: moderator, now: NOW,
  });
  sessionId = session!.id;
  questionId = (await submitQuestion(db.prisma, { sessionId, kind: 'question', text: 'Når kommer opplæringen?', anonymous: false, asker: await actor(ASKER_NB), now: NOW })).id;
});
afterAll(async () => db?.close());

describe('50 concurrent voters', () => {
  it('50 people vote on one question at the same moment, each twice, and some withdraw at once: the count equals the distinct voters', async () => {
    const withdrawing = new Set(voters.filter((_, i) => i % 5 === 0).map((v) => v.personId));
    const results = await Promise.all(
      voters.flatMap((v) => [
        voteQuestion(db.prisma, { questionId, voter: v, now: NOW }),
        // A double click: the same person's second vote at the same moment.
        voteQuestion(db.prisma, { questionId, voter: v, now: NOW }),
      ]),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(50);
    // Those withdrawing do so at once, while others vote again.
    await Promise.all(
      voters.map((v) =>
        withdrawing.has(v.personId) ? withdrawVote(db.prisma, { questionId, voter: v, now: NOW }) : voteQuestion(db.prisma, { questionId, voter: v, now: NOW }),
      ),
    );
    const distinct = await db.prisma.qaVote.findMany({ where: { questionId }, select: { personId: true } });
    expect(new Set(distinct.map((v) => v.personId)).size).toBe(distinct.length);
    expect(distinct.length).toBe(50 - withdrawing.size);
    expect(await voteCount(db.prisma, questionId)).toBe(40);
    expect((await sessionView(db.prisma, sessionId)).questions[0]).toMatchObject({ id: questionId, votes: 40 });
  });
});
