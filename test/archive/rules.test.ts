import { describe, expect, it } from 'vitest';
import { AppErrorCode } from '../../domain/errors.js';
import {
  accessDecisionProblem,
  addDays,
  caseIsClosable,
  commentProblem,
  daysBetween,
  isBacklog,
  isIsoDate,
  needsForelopigSvar,
  parseCaseNumber,
  parseEntryNumber,
  replyTypeFor,
  writeOffProblem,
  type EntryFacts,
} from '../../domain/archive/rules.js';

const received = (extra: Partial<EntryFacts> = {}): EntryFacts => ({ type: 'I', status: 'J', writeOffMethod: null, ...extra });
const entry = { id: 'e1', caseId: 'c1', ...received() };
const reply = (extra: Partial<{ id: string; caseId: string; type: 'I' | 'U' | 'N' | 'X' | 'S'; status: 'J' | 'F' | 'U' | 'R' | 'E' }> = {}) => ({
  id: 'e2',
  caseId: 'c1',
  type: 'U' as const,
  status: 'E' as const,
  ...extra,
});

describe('the backlog (restanser)', () => {
  it('holds incoming entries and notes for follow-up that are not written off', () => {
    expect(isBacklog(received({ type: 'I' }))).toBe(true);
    expect(isBacklog(received({ type: 'N' }))).toBe(true);
  });
  it('never holds X notes, outgoing letters or saksframlegg', () => {
    expect(isBacklog(received({ type: 'X' }))).toBe(false);
    expect(isBacklog(received({ type: 'U' }))).toBe(false);
    expect(isBacklog(received({ type: 'S' }))).toBe(false);
  });
  it('keeps an entry written off with *** (foreløpig svar) and drops one written off for real', () => {
    expect(isBacklog(received({ writeOffMethod: '***' }))).toBe(true);
    for (const method of ['BU', 'BE', 'TLF', 'TE', 'TO', 'BN', 'SA', 'NN'] as const) expect(isBacklog(received({ writeOffMethod: method }))).toBe(false);
  });
  it('drops an entry marked «utgår»', () => {
    expect(isBacklog(received({ status: 'U' }))).toBe(false);
  });
});

describe('writing off', () => {
  it('needs no reply for TE, TO, TLF, BE, SA and ***', () => {
    for (const method of ['TE', 'TO', 'TLF', 'BE', 'SA', '***'] as const) expect(writeOffProblem(entry, method, undefined)).toBeNull();
  });
  it('asks BU, BN and NN for the reply’s reference', () => {
    for (const method of ['BU', 'BN', 'NN'] as const) expect(writeOffProblem(entry, method, undefined)).toBe(AppErrorCode.ARCHIVE_REPLY_REQUIRED);
  });
  it('takes for BU an outgoing letter of the same case', () => {
    expect(replyTypeFor('BU')).toBe('U');
    expect(writeOffProblem(entry, 'BU', reply())).toBeNull();
  });
  it('refuses for BU a note, an entry of another case, a reference that was not found, the entry itself and a reply marked «utgår»', () => {
    expect(writeOffProblem(entry, 'BU', reply({ type: 'N' }))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
    expect(writeOffProblem(entry, 'BU', reply({ caseId: 'c2' }))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
    expect(writeOffProblem(entry, 'BU', null)).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
    expect(writeOffProblem(entry, 'BU', reply({ id: 'e1' }))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
    expect(writeOffProblem(entry, 'BU', reply({ status: 'U' }))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
  });
  it('takes for BN and NN a note of the same case and refuses an outgoing letter', () => {
    expect(replyTypeFor('BN')).toBe('N');
    expect(replyTypeFor('NN')).toBe('N');
    expect(writeOffProblem(entry, 'BN', reply({ type: 'N' }))).toBeNull();
    expect(writeOffProblem(entry, 'NN', reply({ type: 'N' }))).toBeNull();
    expect(writeOffProblem(entry, 'BN', reply({ type: 'U' }))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
  });
  it('refuses to write off what is no backlog: an X note or an outgoing letter', () => {
    expect(writeOffProblem({ ...entry, type: 'X' }, 'TE', undefined)).toBe(AppErrorCode.ARCHIVE_NOT_BACKLOG);
    expect(writeOffProblem({ ...entry, type: 'U' }, 'TE', undefined)).toBe(AppErrorCode.ARCHIVE_NOT_BACKLOG);
  });
});

describe('the public access decision', () => {
  const unnta = { kind: 'unnta' as const, accessCode: 'U' as const, legalBasis: '13' as const, screenedFields: ['tittel' as const], meirinnsynConsidered: false };
  it('takes «Offentlig» as it is', () => {
    expect(accessDecisionProblem({ kind: 'offentlig' })).toBeNull();
  });
  it('takes «Unnta» under § 13 with an access code and screened fields', () => {
    expect(accessDecisionProblem(unnta)).toBeNull();
  });
  it('refuses «Unnta» without screened fields, with XX, or with a paragraph offentleglova does not have', () => {
    expect(accessDecisionProblem({ ...unnta, screenedFields: [] })).toBe(AppErrorCode.ARCHIVE_SCREENING_INCOMPLETE);
    expect(accessDecisionProblem({ ...unnta, accessCode: 'XX' as never })).toBe(AppErrorCode.ARCHIVE_SCREENING_INCOMPLETE);
    expect(accessDecisionProblem({ ...unnta, legalBasis: '99' as never })).toBe(AppErrorCode.ARCHIVE_SCREENING_INCOMPLETE);
    expect(accessDecisionProblem({ ...unnta, screenedFields: ['avsender' as never] })).toBe(AppErrorCode.ARCHIVE_SCREENING_INCOMPLETE);
  });
  it('asks under §§ 14 and 15 for the confirmation that meirinnsyn was considered', () => {
    expect(accessDecisionProblem({ ...unnta, legalBasis: '14' })).toBe(AppErrorCode.ARCHIVE_MEIRINNSYN_REQUIRED);
    expect(accessDecisionProblem({ ...unnta, legalBasis: '15' })).toBe(AppErrorCode.ARCHIVE_MEIRINNSYN_REQUIRED);
    expect(accessDecisionProblem({ ...unnta, legalBasis: '14', meirinnsynConsidered: true })).toBeNull();
  });
});

describe('«Ikke godkjent» needs a comment', () => {
  it('refuses an empty or blank comment and takes a real one', () => {
    expect(commentProblem('')).toBe(AppErrorCode.ARCHIVE_COMMENT_REQUIRED);
    expect(commentProblem('   ')).toBe(AppErrorCode.ARCHIVE_COMMENT_REQUIRED);
    expect(commentProblem(undefined)).toBe(AppErrorCode.ARCHIVE_COMMENT_REQUIRED);
    expect(commentProblem('Mangler hjemmel')).toBeNull();
  });
});

describe('closing a case', () => {
  it('closes when every received entry is written off and every own entry finished or dispatched', () => {
    expect(
      caseIsClosable([
        received({ writeOffMethod: 'BU' }),
        { type: 'U', status: 'E', writeOffMethod: null },
        { type: 'X', status: 'F', writeOffMethod: null },
        { type: 'N', status: 'J', writeOffMethod: 'TO' },
      ]),
    ).toBe(true);
  });
  it('stays open while a received entry is owed an answer, also after a foreløpig svar (***)', () => {
    expect(caseIsClosable([received()])).toBe(false);
    expect(caseIsClosable([received({ writeOffMethod: '***' })])).toBe(false);
  });
  it('stays open while an own entry is a draft (R) or only approved (G)', () => {
    expect(caseIsClosable([{ type: 'U', status: 'R', writeOffMethod: null }])).toBe(false);
    expect(caseIsClosable([{ type: 'U', status: 'G', writeOffMethod: null }])).toBe(false);
  });
  it('ignores entries marked «utgår»', () => {
    expect(caseIsClosable([received({ status: 'U' }), { type: 'U', status: 'U', writeOffMethod: null }])).toBe(true);
  });
});

describe('the § 11 a warning (foreløpig svar bør sendes)', () => {
  const enkeltvedtak = { ...received(), enkeltvedtak: true, receivedDate: '2026-11-01' };
  it('appears three weeks after an incoming entry of an enkeltvedtak case arrived', () => {
    expect(needsForelopigSvar(enkeltvedtak, '2026-11-21')).toEqual(false);
    expect(needsForelopigSvar(enkeltvedtak, '2026-11-22')).toEqual(true);
  });
  it('is cleared by *** and never shown for other cases or answered entries', () => {
    expect(needsForelopigSvar({ ...enkeltvedtak, writeOffMethod: '***' }, '2026-11-30')).toBe(false);
    expect(needsForelopigSvar({ ...enkeltvedtak, enkeltvedtak: false }, '2026-11-30')).toBe(false);
    expect(needsForelopigSvar({ ...enkeltvedtak, writeOffMethod: 'BU' }, '2026-11-30')).toBe(false);
  });
});

describe('numbers and dates', () => {
  it('reads saksnummer and journalpostnummer and refuses other text', () => {
    expect(parseCaseNumber('2026/1234')).toEqual({ year: 2026, sequence: 1234 });
    expect(parseEntryNumber(' 2026/1234-3 ')).toEqual({ year: 2026, sequence: 1234, entry: 3 });
    expect(parseEntryNumber('2026/1234')).toBeNull();
    expect(parseCaseNumber('26/1234')).toBeNull();
  });
  it('takes real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('28.02.2026')).toBe(false);
  });
  it('counts days across a new year', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(daysBetween('2026-12-25', '2027-01-08')).toBe(14);
  });
});
