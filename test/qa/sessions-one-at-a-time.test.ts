import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppErrorCode } from '../../domain/errors.js';
import { closeSession } from '../../domain/qa/close-session.js';
import { createSession } from '../../domain/qa/create-session.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';
import { hoursFromNow, importQaPeople, MODERATOR, NOW } from './qa-people.js';

let db: Database;
let moderator: QaActor;
let conversation = 0;
let conversationId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  moderator = await (await importQaPeople(db.prisma))(MODERATOR);
});
afterAll(async () => db?.close());
beforeEach(() => {
  conversationId = `19:channel-${++conversation}@thread.tacv2`;
});

const once = (from: number, to: number, conversation = conversationId) =>
  createSession(db.prisma, {
    conversationId: conversation,
    title: 'Spørretime – felles oppstart',
    anonymousAllowed: true,
    schedule: { once: { startsAt: hoursFromNow(from), endsAt: hoursFromNow(to) } },
    actor: moderator,
    now: NOW,
  });

describe('creating spørretimer', () => {
  it('creates one planned session with its title, times and moderator, and audits it', async () => {
    const [created] = await once(24, 25);
    const row = await db.prisma.qaSession.findUniqueOrThrow({ where: { id: created!.id } });
    expect(row).toMatchObject({ conversationId, title: 'Spørretime – felles oppstart', state: 'planned', anonymousAllowed: true, pairId: null, pairRole: null, moderatorId: moderator.personId, version: 1 });
    expect(row.startsAt).toEqual(hoursFromNow(24));
    expect(await db.prisma.auditEntry.count({ where: { entity: 'qa_session', entityId: created!.id, action: 'qa.session.created' } })).toBe(1);
  });

  it('creates a recurring pair: an opening and a closing session on each date, Norwegian wall-clock times, one pair id', async () => {
    const created = await createSession(db.prisma, {
      conversationId,
      title: 'Innføring av nytt sakssystem',
      anonymousAllowed: false,
      schedule: { pair: { dates: ['2026-10-29', '2026-10-30', '2026-11-02'], opening: { start: '08:30', end: '09:00' }, closing: { start: '14:30', end: '15:00' } } },
      actor: moderator,
      now: NOW,
    });
    expect(created.map((s) => [s.pairRole, s.startsAt.toISOString()])).toEqual([
      ['opening', '2026-10-29T07:30:00.000Z'],
      ['closing', '2026-10-29T13:30:00.000Z'],
      ['opening', '2026-10-30T07:30:00.000Z'],
      ['closing', '2026-10-30T13:30:00.000Z'],
      // Norway is on winter time (CET, UTC+1) from 25 October 2026.
      ['opening', '2026-11-02T07:30:00.000Z'],
      ['closing', '2026-11-02T13:30:00.000Z'],
    ]);
    const pairIds = new Set((await db.prisma.qaSession.findMany({ where: { conversationId } })).map((s) => s.pairId));
    expect(pairIds.size).toBe(1);
    expect([...pairIds][0]).not.toBeNull();
  });

  it('refuses times that make no session: end before start, already over, longer than 12 hours, a pair whose opening ends after the closing starts', async () => {
    await expect(once(2, 1)).rejects.toMatchObject({ code: AppErrorCode.QA_INVALID_TIMES });
    await expect(once(-3, -1)).rejects.toMatchObject({ code: AppErrorCode.QA_INVALID_TIMES });
    await expect(once(1, 14)).rejects.toMatchObject({ code: AppErrorCode.QA_INVALID_TIMES });
    await expect(
      createSession(db.prisma, {
        conversationId, title: 'Par', anonymousAllowed: false, actor: moderator, now: NOW,
        schedule: { pair: { dates: ['2026-10-29'], opening: { start: '08:30', end: '15:00' }, closing: { start: '14:30', end: '15:30' } } },
      }),
    ).rejects.toMatchObject({ code: AppErrorCode.QA_INVALID_TIMES });
    await expect(
      createSession(db.prisma, {
        conversationId, title: 'Par', anonymousAllowed: false, actor: moderator, now: NOW,
        schedule: { pair: { dates: ['29.10.2026'], opening: { start: '08:30', end: '09:00' }, closing: { start: '14:30', end: '15:30' } } },
      }),
    ).rejects.toMatchObject({ code: AppErrorCode.QA_INVALID_TIMES });
    expect(await db.prisma.qaSession.count({ where: { conversationId } })).toBe(0);
  });

  it('refuses an empty or too long title', async () => {
    await expect(createSession(db.prisma, { conversationId, title: '  ', anonymousAllowed: false, actor: moderator, now: NOW, schedule: { once: { startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) } } }))
      .rejects.toMatchObject({ code: AppErrorCode.QA_TEXT_LENGTH });
  });
});

describe('a conversation runs one session at a time', () => {
  it('refuses a second planned session overlapping the first in the same conversation, in words (QA_SESSION_OVERLAP)', async () => {
    await once(24, 26);
    await expect(once(25, 27)).rejects.toMatchObject({ code: AppErrorCode.QA_SESSION_OVERLAP });
    expect(await db.prisma.qaSession.count({ where: { conversationId } })).toBe(1);
  });

  it('takes a session right after another, and an overlapping one in another conversation', async () => {
    await once(24, 25);
    await once(25, 26);
    await once(24, 25, `${conversationId}-other`);
    expect(await db.prisma.qaSession.count({ where: { conversationId } })).toBe(2);
  });

  it('refuses a whole recurring pair when one of its sessions overlaps, and creates none of it', async () => {
    await createSession(db.prisma, { conversationId, title: 'Enkel', anonymousAllowed: false, actor: moderator, now: NOW, schedule: { once: { startsAt: new Date('2026-10-30T13:00:00Z'), endsAt: new Date('2026-10-30T14:00:00Z') } } });
    await expect(
      createSession(db.prisma, {
        conversationId, title: 'Par', anonymousAllowed: false, actor: moderator, now: NOW,
        schedule: { pair: { dates: ['2026-10-29', '2026-10-30'], opening: { start: '08:30', end: '09:00' }, closing: { start: '14:30', end: '15:30' } } },
      }),
    ).rejects.toMatchObject({ code: AppErrorCode.QA_SESSION_OVERLAP });
    expect(await db.prisma.qaSession.count({ where: { conversationId } })).toBe(1);
  });

  it('lets a closed session’s time be used again', async () => {
    const [first] = await once(24, 25);
    await closeSession(db.prisma, { sessionId: first!.id, actor: moderator, now: NOW });
    await expect(once(24, 25)).resolves.toHaveLength(1);
  });

  it('of two moderators creating overlapping sessions at the same moment, exactly one succeeds', async () => {
    const results = await Promise.allSettled([once(30, 31), once(30.5, 31.5), once(30.25, 32)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: AppErrorCode.QA_SESSION_OVERLAP });
  });
});
