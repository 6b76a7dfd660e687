import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorCode } from '../../domain/errors.js';
import { changeKnownErrorStatus } from '../../domain/known-errors/change-known-error-status.js';
import { createKnownError } from '../../domain/known-errors/create-known-error.js';
import { linkKnownError } from '../../domain/known-errors/link-known-error.js';
import { reportKnownError } from '../../domain/known-errors/report-known-error.js';
import { createSession } from '../../domain/qa/create-session.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteQuestion } from '../../domain/qa/vote-question.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';
import { ASKER_EN, ASKER_NB, ASKER_NN, hoursFromNow, importQaPeople, messagesTo, MODERATOR, NOW, voter, type TestPerson } from './qa-people.js';

let db: Database;
let actor: (person: TestPerson) => Promise<QaActor>;
let moderator: QaActor;
let sessionId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  actor = await importQaPeople(db.prisma);
  moderator = await actor(MODERATOR);
  const [session] = await createSession(db.prisma, {
    conversationId: '19:known-errors@thread.tacv2', title: 'Spørretime', anonymousAllowed: true,
    schedule: { once: { startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) } }, actor: moderator, now: NOW,
  });
  sessionId = session!.id;
});
afterAll(async () => db?.close());

const report = async (by: TestPerson, text: string, kind: 'question' | 'error_report' = 'error_report', anonymous = false) =>
  (await submitQuestion(db.prisma, { sessionId, kind, text, anonymous, asker: await actor(by), now: NOW })).id;
const status = (knownErrorId: string, expectedVersion: number, to: Parameters<typeof changeKnownErrorStatus>[1]['status'], vendorReference?: string) =>
  changeKnownErrorStatus(db.prisma, { knownErrorId, expectedVersion, status: to, vendorReference, actor: moderator, now: NOW });

describe('the known-error register', () => {
  it('registers a known error with title and description, status «registrert», audited', async () => {
    const { id } = await createKnownError(db.prisma, { title: 'Utskrift av konvolutter feiler', description: 'Adressefeltet kommer utenfor vinduet.', actor: moderator, now: NOW });
    expect(await db.prisma.knownError.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'registrert', vendorReference: null, version: 1 });
    expect(await db.prisma.auditEntry.count({ where: { entity: 'known_error', entityId: id } })).toBe(1);
    await expect(createKnownError(db.prisma, { title: '', description: 'x', actor: moderator, now: NOW })).rejects.toMatchObject({ code: AppErrorCode.QA_TEXT_LENGTH });
  });

  it('turns an error report into a known error linked to it; a question is no error report', async () => {
    const reportId = await report(ASKER_NB, 'Journalposten låser seg når jeg lagrer med vedlegg');
    const { knownErrorId } = await reportKnownError(db.prisma, { questionId: reportId, actor: moderator, now: NOW });
    expect(await db.prisma.knownError.findUniqueOrThrow({ where: { id: knownErrorId } })).toMatchObject({
      title: 'Journalposten låser seg når jeg lagrer med vedlegg', description: 'Journalposten låser seg når jeg lagrer med vedlegg', status: 'registrert',
    });
    expect(await db.prisma.knownErrorLink.findMany({ where: { knownErrorId } })).toMatchObject([{ questionId: reportId }]);
    const question = await report(ASKER_NB, 'Hvordan lagrer jeg?', 'question');
    await expect(reportKnownError(db.prisma, { questionId: question, actor: moderator, now: NOW })).rejects.toMatchObject({ code: AppErrorCode.QA_NOT_ERROR_REPORT });
  });

  it('links a report to a known error once: again to the same one changes nothing, to another one is a conflict', async () => {
    const first = await createKnownError(db.prisma, { title: 'A', description: 'A', actor: moderator, now: NOW });
    const second = await createKnownError(db.prisma, { title: 'B', description: 'B', actor: moderator, now: NOW });
    const reportId = await report(ASKER_EN, 'Same error again');
    expect(await linkKnownError(db.prisma, { questionId: reportId, knownErrorId: first.id, actor: moderator, now: NOW })).toEqual({ linked: true });
    expect(await linkKnownError(db.prisma, { questionId: reportId, knownErrorId: first.id, actor: moderator, now: NOW })).toEqual({ linked: false });
    await expect(linkKnownError(db.prisma, { questionId: reportId, knownErrorId: second.id, actor: moderator, now: NOW })).rejects.toMatchObject({ code: AppErrorCode.CONFLICT });
  });

  it('needs the vendor’s reference to mark it «meldt til leverandør», and keeps it through later changes', async () => {
    const { id } = await createKnownError(db.prisma, { title: 'Treg søk', description: 'Søket tar 30 sekunder.', actor: moderator, now: NOW });
    await expect(status(id, 1, 'meldt_til_leverandor')).rejects.toMatchObject({ code: AppErrorCode.KNOWN_ERROR_VENDOR_REFERENCE_REQUIRED });
    await status(id, 1, 'meldt_til_leverandor', 'SAK-4711');
    await status(id, 2, 'under_arbeid');
    expect(await db.prisma.knownError.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'under_arbeid', vendorReference: 'SAK-4711', version: 3 });
    await expect(status(id, 2, 'avvist')).rejects.toMatchObject({ code: AppErrorCode.STALE });
  });

  it('when marked «rettet», tells everyone who reported or voted for a linked report, once each, in their language', async () => {
    const { id } = await createKnownError(db.prisma, { title: 'Vedlegg forsvinner', description: 'PDF-vedlegg over 10 MB forsvinner.', actor: moderator, now: NOW });
    const first = await report(ASKER_NN, 'Vedlegget forsvann', 'error_report', true);
    const second = await report(ASKER_EN, 'My attachment vanished');
    for (const q of [first, second]) await linkKnownError(db.prisma, { questionId: q, knownErrorId: id, actor: moderator, now: NOW });
    await voteQuestion(db.prisma, { questionId: first, voter: await actor(voter(0)), now: NOW });
    await voteQuestion(db.prisma, { questionId: second, voter: await actor(voter(0)), now: NOW }); // voted for both: told once
    await voteQuestion(db.prisma, { questionId: second, voter: await actor(ASKER_NN), now: NOW }); // reported one, voted for the other: told once
    const unrelated = (await messagesTo(db.prisma, (await actor(ASKER_NB)).personId)).length;

    expect(await status(id, 1, 'rettet')).toEqual({ version: 2, told: 3 });
    expect(await messagesTo(db.prisma, (await actor(ASKER_NN)).personId)).toContain('Feilen du melde eller røysta på, er retta: «Vedlegg forsvinner».');
    expect(await messagesTo(db.prisma, (await actor(ASKER_EN)).personId)).toContain('The error you reported or voted for has been fixed: “Vedlegg forsvinner”.');
    expect((await messagesTo(db.prisma, (await actor(voter(0))).personId)).filter((t) => t.includes('Vedlegg forsvinner'))).toEqual([
      'Feilen du meldte eller stemte på, er rettet: «Vedlegg forsvinner».',
    ]);
    expect(await messagesTo(db.prisma, (await actor(ASKER_NB)).personId)).toHaveLength(unrelated);
    // Saying «rettet» again tells nobody again.
    expect(await status(id, 2, 'rettet')).toEqual({ version: 3, told: 0 });
  });
});
