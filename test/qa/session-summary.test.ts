import { watchStatements } from '../support/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQaExportLinks } from '../../bot/qa-export-links.js';
import { AppErrorCode } from '../../domain/errors.js';
import { reportKnownError } from '../../domain/known-errors/report-known-error.js';
import { answerQuestion } from '../../domain/qa/answer-question.js';
import { closeSession } from '../../domain/qa/close-session.js';
import { createSession } from '../../domain/qa/create-session.js';
import { exportSession, sessionCsv } from '../../domain/qa/export-session.js';
import { hideQuestion } from '../../domain/qa/hide-question.js';
import { mergeQuestion } from '../../domain/qa/merge-question.js';
import { sessionSummary } from '../../domain/qa/session-summary.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteQuestion } from '../../domain/qa/vote-question.js';
import { translator } from '../../i18n/index.js';
import type { Database } from '../../infra/database.js';
import { ASKER_EN, ASKER_NB, ASKER_NN, hoursFromNow, MODERATOR, NOW, voter, type TestPerson, openQaTestDatabase } from './qa-people.js';

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
const vote = async (questionId: string, ...voters: number[]) => {
  for (const i of voters) await voteQuestion(db.prisma, { questionId, voter: await actor(voter(i)), now: NOW });
};
async function session(title = 'Nytt sakssystem: «felles» oppstart') {
  n += 1;
  const [created] = await createSession(db.prisma, {
    conversationId: `19:summary-${n}@thread.tacv2`, title, anonymousAllowed: true, actor: moderator, now: NOW,
    schedule: { once: { startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) } },
  });
  return created!.id;
}

const TRICKY = 'Hvorfor står det "Lagret"; men\nvedlegget mangler? Gjelder æøå ÆØÅ, | og *stjerne*';
const ANSWER = 'Det er rettet i 2.3 | se «Nyheter»\r\nSpør igjen om det skjer.';

/**
 * One session with every kind of row: an answered question with a tricky text, an anonymous one
 * that a duplicate was merged into, an error report turned into a known error that starts like an
 * Excel formula, and a hidden question.
 */
async function busySession() {
  const id = await session();
  const answered = await ask(id, ASKER_NB, TRICKY, { minute: 1 });
  const anonymous = await ask(id, ASKER_NN, 'Kven har tilgang til arkivet?', { anonymous: true, minute: 2 });
  const duplicate = await ask(id, ASKER_EN, 'Who has access to the archive?', { minute: 3 });
  const report = await ask(id, ASKER_EN, '=HYPERLINK("http://x.no","Feil ved lagring")', { kind: 'error_report', minute: 4 });
  const hidden = await ask(id, ASKER_NB, 'Når er lunsj?', { minute: 5 });
  await vote(answered, 0, 1, 2, 3, 4);
  await vote(anonymous, 3, 4, 5);
  await vote(duplicate, 5, 6);
  await vote(report, 7);
  await vote(hidden, 8);
  await answerQuestion(db.prisma, { questionId: answered, expectedVersion: 1, answer: ANSWER, actor: moderator, now: at(10) });
  // Voter 5 voted for both: one vote stays; voter 6's moves; the duplicate's asker becomes a voter.
  await mergeQuestion(db.prisma, { questionId: duplicate, expectedVersion: 1, intoQuestionId: anonymous, actor: moderator, now: at(11) });
  await reportKnownError(db.prisma, { questionId: report, title: 'Lagring | feiler', actor: moderator, now: at(12) });
  await hideQuestion(db.prisma, { questionId: hidden, expectedVersion: 1, reason: 'Ikke om systemet', actor: moderator, now: at(13) });
  return id;
}

/** RFC 4180 with `;`: quoted fields may hold `;`, `""` and line breaks; records end in CRLF. Throws on anything else. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          field += '"';
          i += 1;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/;|\r\n/);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (field.includes('"') || field.includes('\n') || field.includes('\r')) throw new Error(`unquoted field with a quote or line break: ${field}`);
      i += field.length;
    }
    record.push(field);
    if (text.startsWith(';', i)) i += 1;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`field not followed by ; or CRLF at ${i}`);
  }
  if (record.length > 0) throw new Error('last record without CRLF');
  return records;
}

describe('the numbers of a session', () => {
  it('counts each question once by kind and once by status, votes merged without counting anyone twice, hidden and merged votes left out', async () => {
    const id = await busySession();
    const { counts, rows } = await sessionSummary(db.prisma, id);
    // 5 + (3 − voter 5's repeat + voter 6 + the duplicate's asker = 5) + 1; the hidden question's vote is not counted.
    expect(counts).toEqual({ questions: 4, errorReports: 1, votes: 11, voters: 9, answered: 1, unanswered: 2, hidden: 1, merged: 1, carriedIn: 0 });
    expect(counts.questions + counts.errorReports).toBe(counts.answered + counts.unanswered + counts.hidden + counts.merged);
    expect(rows.map((row) => [row.number, row.status, row.votes, row.askerName, row.mergedInto])).toEqual([
      [1, 'answered', 5, ASKER_NB.name, null],
      [2, 'open', 5, null, null],
      [3, 'open', 1, ASKER_EN.name, null],
      [4, 'hidden', 1, ASKER_NB.name, null],
      [5, 'merged', 0, ASKER_EN.name, 2],
    ]);
    expect(rows[0]).toMatchObject({ text: TRICKY, answer: ANSWER, answeredByName: MODERATOR.name, answeredAt: at(10) });
    expect(rows[2]!.knownError).toEqual({ title: 'Lagring | feiler', status: 'registrert' });
    expect(rows[3]!.hiddenReason).toBe('Ikke om systemet');
    // The anonymous asker is not in the summary at all, in any field.
    expect(JSON.stringify(await sessionSummary(db.prisma, id))).not.toContain(ASKER_NN.name);
  });

  it('reads a session in three statements whatever its size, and refuses an unknown id', async () => {
    const small = await session();
    await ask(small, ASKER_NB, 'Ett spørsmål');
    const large = await busySession();
    const statements = watchStatements(db);
    try {
      await sessionSummary(db.prisma, small);
      expect(statements.texts).toHaveLength(3);
      statements.texts.length = 0;
      await sessionSummary(db.prisma, large);
      expect(statements.texts).toHaveLength(3);
    } finally {
      statements.stop();
    }
    await expect(sessionSummary(db.prisma, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: AppErrorCode.NOT_FOUND });
  });
});

describe('the export', () => {
  it('writes CSV that parses back exactly: BOM, `;`, quotes, line breaks, æøå, a formula defused, the anonymous asker never named', async () => {
    const id = await busySession();
    const file = await exportSession(db.prisma, { sessionId: id, format: 'csv', locale: 'nb' });
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.fileName).toMatch(/^sporretime-2026-10-28-nytt-sakssystem-felles-oppstart\.csv$/);
    expect(file.body.startsWith('\uFEFF')).toBe(true);
    expect(Buffer.from(file.body, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...records] = parseCsv(file.body.slice(1));
    expect(header).toEqual(['Nr.', 'Type', 'Status', 'Stemmer', 'Tekst', 'Spurt av', 'Spurt', 'Svar', 'Besvart', 'Besvart av', 'Kjent feil', 'Status for kjent feil', 'Merknad']);
    expect(records).toHaveLength(5);
    expect(records[0]).toEqual(['1', 'Spørsmål', 'Besvart', '5', TRICKY, ASKER_NB.name, '2026-10-28 13:01', ANSWER, '2026-10-28 13:10', MODERATOR.name, '', '', '']);
    expect(records[1]!.slice(0, 6)).toEqual(['2', 'Spørsmål', 'Ubesvart', '5', 'Kven har tilgang til arkivet?', 'Anonym']);
    expect(records[2]!.slice(0, 5)).toEqual(['3', 'Feilmelding', 'Ubesvart', '1', `'=HYPERLINK("http://x.no","Feil ved lagring")`]);
    expect(records[2]!.slice(10)).toEqual(['Lagring | feiler', 'Registrert', '']);
    expect(records[3]![12]).toBe('Skjult: Ikke om systemet');
    expect(records[4]![12]).toBe('Slått sammen med nr. 2');
    expect(file.body).not.toContain(ASKER_NN.name);
    // The English file has the same records in English words.
    const english = parseCsv(sessionCsv(await sessionSummary(db.prisma, id), translator('en')).slice(1));
    expect(english[0]![0]).toBe('No.');
    expect(english[2]!.slice(1, 3)).toEqual(['Question', 'Unanswered']);
    expect(english[2]![5]).toBe('Anonymous');
  });

  it('writes Markdown: the numbers, then one table row per question with `|` escaped and line breaks as <br>', async () => {
    const id = await busySession();
    const file = await exportSession(db.prisma, { sessionId: id, format: 'md', locale: 'nb' });
    expect(file.contentType).toBe('text/markdown; charset=utf-8');
    expect(file.fileName.endsWith('.md')).toBe(true);
    const lines = file.body.split('\n');
    expect(lines[0]).toBe('# Spørretime: Nytt sakssystem: «felles» oppstart');
    expect(lines).toContain('- Stemmer: 11 fra 9 personer');
    expect(lines).toContain('- Slått sammen: 1');
    const table = lines.filter((line) => line.startsWith('|'));
    expect(table).toHaveLength(2 + 5);
    // Every row has as many cells as the header: no `|` from a text split a row.
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    for (const row of table) expect(cells(row)).toBe(cells(table[0]!));
    expect(table[2]).toContain('Hvorfor står det "Lagret"; men<br>vedlegget mangler? Gjelder æøå ÆØÅ, \\| og \\*stjerne\\*');
    expect(table[2]).toContain('Det er rettet i 2.3 \\| se «Nyheter»<br>Spør igjen om det skjer.');
    expect(table[3]).toContain('| Anonym |');
    expect(file.body).not.toContain(ASKER_NN.name);
  });
});

describe('closing a session posts its summary', () => {
  const links = createQaExportLinks({ baseUrl: 'https://arkivlos.example.no', secret: () => Buffer.from('test secret') });
  const byKey = (key: string) => db.prisma.outboxMessage.findMany({ where: { idempotencyKey: key } });
  type Card = { body: unknown[]; actions?: { type: string; url: string }[] };
  const cardOf = (activity: unknown) => (activity as { attachments: { content: Card }[] }).attachments[0]!.content;

  it('closing twice, even at the same moment, posts one summary in the conversation and sends one message to the moderator', async () => {
    const id = await busySession();
    const results = await Promise.allSettled([
      closeSession(db.prisma, { sessionId: id, actor: moderator, now: at(60), exportLinks: links }),
      closeSession(db.prisma, { sessionId: id, actor: moderator, now: at(60), exportLinks: links }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: AppErrorCode.QA_SESSION_CLOSED } });
    await expect(closeSession(db.prisma, { sessionId: id, actor: moderator, now: at(61), exportLinks: links })).rejects.toMatchObject({ code: AppErrorCode.QA_SESSION_CLOSED });

    const [summary, ...moreSummaries] = await byKey(`qa-summary:${id}`);
    const [message, ...moreMessages] = await byKey(`qa-export:${id}`);
    expect(moreSummaries).toEqual([]);
    expect(moreMessages).toEqual([]);
    expect(summary!.conversationId).toBe(`19:summary-${n}@thread.tacv2`);
    expect(message!.personId).toBe(moderator.personId);

    // The channel's card: numbers and answers, in bokmål, no asker, no hidden question, no links.
    const channelCard = JSON.stringify(cardOf(summary!.activity));
    expect(channelCard).toContain('Oppsummering: Nytt sakssystem');
    expect(channelCard).toContain('11 fra 9 personer');
    expect(channelCard).toContain('Det er rettet i 2.3');
    for (const hiddenThing of [ASKER_NB.name, ASKER_NN.name, ASKER_EN.name, 'Når er lunsj?', 'qa-export']) expect(channelCard).not.toContain(hiddenThing);
    expect(cardOf(summary!.activity).actions).toBeUndefined();

    // The moderator's: the same summary and two links that this bot's signature opens.
    const actions = cardOf(message!.activity).actions!;
    expect(actions.map((a) => a.type)).toEqual(['Action.OpenUrl', 'Action.OpenUrl']);
    for (const [action, format] of [[actions[0]!, 'csv'], [actions[1]!, 'md']] as const) {
      const url = new URL(action.url);
      expect(url.pathname).toBe(`/qa-export/${id}.${format}`);
      const asked = links.verify({ file: url.pathname.split('/').at(-1)!, lang: url.searchParams.get('lang')!, exp: url.searchParams.get('exp')!, sig: url.searchParams.get('sig')! });
      expect(asked).toMatchObject({ sessionId: id, format, locale: 'nb' });
      expect(asked!.expiresAt.getTime()).toBe(at(60).getTime() + 30 * 24 * 3_600_000);
    }
  });

  it('a moderator who has left the organisation gets no message, and the closing still posts the summary in the conversation', async () => {
    const leaving = await actor(ASKER_EN);
    n += 1;
    const [created] = await createSession(db.prisma, {
      conversationId: `19:summary-${n}@thread.tacv2`, title: 'Siste økt', anonymousAllowed: false, actor: leaving, now: NOW,
      schedule: { once: { startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) } },
    });
    await db.prisma.person.update({ where: { id: leaving.personId }, data: { active: false } });
    try {
      await closeSession(db.prisma, { sessionId: created!.id, actor: moderator, now: at(60), exportLinks: links });
      expect(await byKey(`qa-summary:${created!.id}`)).toHaveLength(1);
      expect(await byKey(`qa-export:${created!.id}`)).toEqual([]);
    } finally {
      await db.prisma.person.update({ where: { id: leaving.personId }, data: { active: true } });
    }
  });

  it('without links the moderator is told how an administrator exports; a session with nothing asked says so', async () => {
    const id = await session('Stille time');
    await closeSession(db.prisma, { sessionId: id, actor: moderator, now: at(60) });
    const [message] = await byKey(`qa-export:${id}`);
    const card = JSON.stringify(cardOf(message!.activity));
    expect(card).toContain(`npm run qa:export -- ${id}`);
    expect(card).toContain('Ingen spørsmål eller feilmeldinger kom inn.');
    expect(cardOf(message!.activity).actions).toBeUndefined();
  });
});
