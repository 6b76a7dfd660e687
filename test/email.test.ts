import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueEmail } from '../domain/support/enqueue-email.js';
import { claimDueEmails, emailRetryDelay, startEmailWorker, type EmailEvent, type EmailWorker } from '../domain/support/email-worker.js';
import { composeItEmail, type ItEmailInput } from '../domain/support/it-email.js';
import type { Mailer } from '../domain/support/mail.js';
import { loadConfig } from '../infra/config.js';
import { classifySmtpError, createMailer } from '../infra/mailer.js';
import { startTestApp } from './support/bot.js';
import { createTestDatabase } from './support/database.js';
import { startTestSmtpServer, type TestSmtpServer } from './support/smtp-server.js';

const FROM = 'arkivet@eksempel.kommune.no';
const IT = 'servicedesk@it.eksempel.kommune.no';

const HANDOVER: ItEmailInput = {
  number: 'BS-2026-00042',
  requester: { name: 'Alex Wilber', email: 'alex.wilber@eksempel.kommune.no' },
  affectedPerson: { name: 'Kari Nordmann-Johannessen Øvrebø', email: 'kari.ovrebo@eksempel.kommune.no' },
  what: 'Får ikke åpnet sak-/arkivsystemet: «Ingen tilgang til databasen».',
  who: 'IT må gi tilgang i Entra-gruppen.',
  result: 'Kari kan logge inn og journalføre.',
  reference: '2026/1234-3',
  reason: 'Feilen gjelder innlogging og tilganger, som IT forvalter.',
  archiveName: 'Dokumentsenteret, Eksempel kommune',
};

describe('the e-mail to IT', () => {
  it('has the number in the subject, the requester in copy, and names the affected person in full in bokmål', () => {
    const mail = composeItEmail(HANDOVER);
    expect(mail.subject).toBe('[BS-2026-00042] Henvendelse til IT fra arkivet');
    expect(mail.cc).toEqual(['alex.wilber@eksempel.kommune.no']);
    expect(mail.text).toContain('Gjelder: Kari Nordmann-Johannessen Øvrebø (kari.ovrebo@eksempel.kommune.no)');
    expect(mail.text).toContain('Meldt av: Alex Wilber (alex.wilber@eksempel.kommune.no), som har fått kopi av denne e-posten.');
    expect(mail.text).toContain('Henvendelse: BS-2026-00042');
    expect(mail.text).toContain('Referanse i sak-/arkivsystemet: 2026/1234-3');
    expect(mail.text).toContain('Hva skal utføres?\nFår ikke åpnet sak-/arkivsystemet: «Ingen tilgang til databasen».');
    expect(mail.text).toContain('Hvorfor den sendes til IT:\nFeilen gjelder innlogging og tilganger, som IT forvalter.');
    expect(mail.text.endsWith('Med vennlig hilsen\nDokumentsenteret, Eksempel kommune\n')).toBe(true);
  });

  it('leaves out the questions that were not answered, and no line break reaches the subject', () => {
    const mail = composeItEmail({ ...HANDOVER, number: 'BS-2026-00043\r\nBcc: x@y.no', who: null, result: '  ', reference: null, affectedPerson: { name: 'Ola Nordmann' } });
    expect(mail.subject).toBe('[BS-2026-00043 Bcc: x@y.no] Henvendelse til IT fra arkivet');
    expect(mail.text).not.toMatch(/Hvem skal utføre det\?|Hva skal sluttresultatet være\?|Referanse/);
    expect(mail.text).toContain('Gjelder: Ola Nordmann\n');
  });
});

describe('e-mail configuration', () => {
  it('SMTP_URL is optional; set, it needs SUPPORT_FROM_ADDRESS, and a wrong value is named without repeating it', () => {
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: 'smtp://relay.eksempel.kommune.no:25' })).toThrow(/SUPPORT_FROM_ADDRESS is required when SMTP_URL is set/);
    expect(() => loadConfig({ SMTP_URL: 'https://user:hemmelig@relay', SUPPORT_FROM_ADDRESS: FROM })).toThrow(/SMTP_URL must be an SMTP URL/);
    expect(() => loadConfig({ SMTP_URL: 'https://user:hemmelig@relay', SUPPORT_FROM_ADDRESS: FROM })).not.toThrow(/hemmelig/);
    expect(() => loadConfig({ SMTP_URL: 'smtps://relay:465', SUPPORT_FROM_ADDRESS: 'arkivet' })).toThrow(/SUPPORT_FROM_ADDRESS must be an e-mail address/);
    expect(() => loadConfig({ IT_SUPPORT_ADDRESS: 'it-avdelingen' })).toThrow(/IT_SUPPORT_ADDRESS must be an e-mail address/);
    const config = loadConfig({ SMTP_URL: 'smtps://user:pass@relay:465', SUPPORT_FROM_ADDRESS: FROM, IT_SUPPORT_ADDRESS: IT });
    expect(config).toMatchObject({ SMTP_URL: 'smtps://user:pass@relay:465', SUPPORT_FROM_ADDRESS: FROM, IT_SUPPORT_ADDRESS: IT });
  });

  it('without SMTP_URL there is no mailer, so nothing can be sent', () => {
    expect(createMailer(loadConfig({}))).toBeNull();
    expect(createMailer(loadConfig({ SMTP_URL: '', SUPPORT_FROM_ADDRESS: FROM }))).toBeNull();
  });

  it('a 5xx answer is permanent, a 4xx answer or a connection that failed is worth another try', () => {
    expect(classifySmtpError(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 No such user', code: 'EENVELOPE' }))).toMatchObject({
      permanent: true,
      reason: '550 5.1.1 No such user',
      code: '550',
    });
    expect(classifySmtpError(Object.assign(new Error('x'), { responseCode: 451, response: '451 4.3.0 Try again' }))).toMatchObject({ permanent: false, code: '451' });
    expect(classifySmtpError(Object.assign(new Error('x'), { responseCode: 503, response: '503 Bad sequence' }))).toMatchObject({ permanent: false });
    expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toMatchObject({ permanent: false, code: 'ESOCKET' });
    expect(classifySmtpError(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }))).toMatchObject({ permanent: false });
  });

  it('the backoff doubles from about 30 s and stops growing at an hour', () => {
    expect(emailRetryDelay(1, () => 0)).toBe(15_000);
    expect(emailRetryDelay(1, () => 1)).toBe(30_000);
    expect(emailRetryDelay(3, () => 1)).toBe(120_000);
    expect(emailRetryDelay(20, () => 1)).toBe(3_600_000);
  });
});

describe('the e-mail outbox and its worker, against a real SMTP server', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  const workers: EmailWorker[] = [];
  const prisma = () => database.prisma;
  const events: EmailEvent[] = [];

  const start = (options: Parameters<typeof startEmailWorker>[1] = {}, using: Mailer = mailer, instance?: string) => {
    const worker = startEmailWorker(
      { prisma: prisma(), mailer: using, instance },
      { pollMs: 50, retryDelayMs: () => 0, onEvent: (event) => events.push(event), ...options },
    );
    workers.push(worker);
    return worker;
  };
  const itEmail = (key = 'it:1') => {
    const mail = composeItEmail(HANDOVER);
    return { from: FROM, to: [IT], cc: mail.cc, subject: mail.subject, text: mail.text, idempotencyKey: key };
  };
  const until = async (check: () => Promise<boolean>, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startTestSmtpServer();
    mailer = createMailer({ SMTP_URL: smtp.url }, { timeoutMs: 5000 })!;
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await prisma().emailOutbox.deleteMany();
    smtp.messages.length = 0;
    smtp.refuseNext(0, 0, '');
    events.length = 0;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  it('sends one real e-mail to IT with the requester in copy, the affected person’s full name in the body and the Message-ID fixed at enqueue', async () => {
    const enqueued = await prisma().$transaction((tx) => enqueueEmail(tx, itEmail()));
    expect(enqueued.messageId).toMatch(/^<arkivlos\.[0-9a-f-]{36}@eksempel\.kommune\.no>$/);
    start();
    const [received] = await smtp.waitFor(1);
    expect(received!.envelope).toEqual({ from: FROM, to: [IT, 'alex.wilber@eksempel.kommune.no'] });
    expect(received!.parsed.messageId).toBe(enqueued.messageId);
    expect(received!.parsed.subject).toBe('[BS-2026-00042] Henvendelse til IT fra arkivet');
    expect(received!.parsed.from?.text).toBe(FROM);
    expect(received!.parsed.cc && !Array.isArray(received!.parsed.cc) ? received!.parsed.cc.text : '').toBe('alex.wilber@eksempel.kommune.no');
    expect(received!.parsed.text).toContain('Gjelder: Kari Nordmann-Johannessen Øvrebø');
    await until(async () => (await prisma().emailOutbox.findFirstOrThrow()).state === 'sent');
    expect(await prisma().emailOutbox.findFirstOrThrow()).toMatchObject({ attempts: 1, lockedBy: null, lastError: null });
    expect(events).toEqual([{ type: 'sent', emailId: enqueued.id }]);
  });

  it('the same idempotency key twice stores one e-mail, and an e-mail enqueued in a transaction that rolls back is never sent', async () => {
    const first = await enqueueEmail(prisma(), itEmail('it:twice'));
    const second = await enqueueEmail(prisma(), itEmail('it:twice'));
    expect(second).toEqual({ ...first, created: false });
    await expect(
      prisma().$transaction(async (tx) => {
        await enqueueEmail(tx, itEmail('it:rolled-back'));
        throw new Error('the hand-over failed');
      }),
    ).rejects.toThrow('the hand-over failed');
    expect(await prisma().emailOutbox.count()).toBe(1);
    await expect(enqueueEmail(prisma(), { ...itEmail('it:bad'), to: ['not an address'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('a worker that claimed an e-mail and died before sending it: another worker sends it when the lease runs out, once, with the same Message-ID', async () => {
    const enqueued = await enqueueEmail(prisma(), itEmail());
    const [claimed] = await claimDueEmails(prisma(), { instance: 'died-after-claiming', limit: 1, leaseMs: 400 });
    expect(claimed!.id).toBe(enqueued.id);
    const survivor = start({ leaseMs: 400 });
    await smtp.waitFor(1);
    await until(async () => (await prisma().emailOutbox.findFirstOrThrow()).state === 'sent');
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more arrives
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.parsed.messageId).toBe(enqueued.messageId);
    const row = await prisma().emailOutbox.findFirstOrThrow();
    expect(row).toMatchObject({ state: 'sent', attempts: 2, lockedBy: null });
    expect(survivor.instance).not.toBe('died-after-claiming');
  });

  it('a worker that died after the SMTP server took the e-mail but before recording it: the repeat carries the same Message-ID, and the late worker changes nothing', async () => {
    const enqueued = await enqueueEmail(prisma(), itEmail());
    let releaseLate: () => void = () => {};
    // Sends for real, then hangs as a process killed at that instant would.
    const dying: Mailer = {
      async send(mail) {
        const sent = await mailer.send(mail);
        await new Promise<void>((resolve) => (releaseLate = resolve));
        return sent;
      },
      close: async () => {},
    };
    start({ leaseMs: 400 }, dying, 'dies-after-sending');
    await smtp.waitFor(1);
    start({ leaseMs: 400 });
    await smtp.waitFor(2);
    await until(async () => (await prisma().emailOutbox.findFirstOrThrow()).state === 'sent');
    expect(smtp.messages.map((mail) => mail.parsed.messageId)).toEqual([enqueued.messageId, enqueued.messageId]);
    const recorded = await prisma().emailOutbox.findFirstOrThrow();
    releaseLate();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await prisma().emailOutbox.findFirstOrThrow()).toEqual(recorded);
  });

  it('a 4xx answer is retried and the e-mail then sent; a 5xx answer fails it with the server’s reason', async () => {
    smtp.refuseNext(2, 451, 'Greylisted, please try again later');
    const retried = await enqueueEmail(prisma(), itEmail('it:451'));
    start();
    await smtp.waitFor(1);
    await until(async () => (await prisma().emailOutbox.findUniqueOrThrow({ where: { id: retried.id } })).state === 'sent');
    expect(await prisma().emailOutbox.findUniqueOrThrow({ where: { id: retried.id } })).toMatchObject({ attempts: 3, lastError: null });
    expect(events.map((event) => [event.type, event.code ?? null])).toEqual([
      ['retried', '451'],
      ['retried', '451'],
      ['sent', null],
    ]);

    smtp.refuseNext(1, 550, 'Mailbox unavailable');
    const refused = await enqueueEmail(prisma(), itEmail('it:550'));
    await until(async () => (await prisma().emailOutbox.findUniqueOrThrow({ where: { id: refused.id } })).state === 'failed');
    const row = await prisma().emailOutbox.findUniqueOrThrow({ where: { id: refused.id } });
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/^550 .*Mailbox unavailable/);
    expect(smtp.messages).toHaveLength(1);
  });

  it('a server that cannot be reached is retried, and after the last attempt the e-mail fails with the reason', async () => {
    const nowhere = createMailer({ SMTP_URL: 'smtp://127.0.0.1:1' }, { timeoutMs: 2000 })!;
    const email = await enqueueEmail(prisma(), itEmail('it:unreachable'));
    start({ maxAttempts: 3 }, nowhere);
    await until(async () => (await prisma().emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).state === 'failed');
    const row = await prisma().emailOutbox.findUniqueOrThrow({ where: { id: email.id } });
    expect(row.attempts).toBe(3);
    expect(row.lastError).toMatch(/^gave up after 3 attempts: (ESOCKET|ECONNECTION)/);
    await nowhere.close();
  });
});

describe('the app with SMTP_URL', () => {
  it('runs the e-mail worker: an e-mail enqueued in its database reaches the SMTP server', async () => {
    const smtp = await startTestSmtpServer();
    const app = await startTestApp({ SMTP_URL: smtp.url, SUPPORT_FROM_ADDRESS: FROM, IT_SUPPORT_ADDRESS: IT });
    try {
      const enqueued = await enqueueEmail(app.arkivlos.database.prisma, {
        from: FROM,
        to: [IT],
        cc: ['alex.wilber@eksempel.kommune.no'],
        subject: '[BS-2026-00001] Henvendelse til IT fra arkivet',
        text: 'Gjelder: Alex Wilber',
      });
      const [received] = await smtp.waitFor(1);
      expect(received!.parsed.messageId).toBe(enqueued.messageId);
    } finally {
      await app.stop();
      await smtp.close();
    }
  });
});
