import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { actionExecuteActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { ARCHIVE_NOW, createCaseWith, createTeam, type Team } from '../support/archive.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { createPersonWithRole, seedDailyWork } from '../support/daily.js';

type Element = { type: string; id?: string; text?: string; label?: string; value?: string; choices?: { title: string; value: string }[]; items?: Element[]; actions?: Action[] };
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown> };
type Card = { speak: string; body: Element[]; actions?: Action[] };
type Person = { id: string; aadObjectId: string; name: string };

const elements = (list: Element[]): Element[] => list.flatMap((element) => [element, ...elements(element.items ?? [])]);
const lines = (card: Card) => elements(card.body).flatMap((element) => (element.text === undefined ? [] : [element.text]));
const actions = (card: Card) => [...elements(card.body).flatMap((element) => element.actions ?? []), ...(card.actions ?? [])];
const FORBIDDEN = 'Du har ikke tilgang til å gjøre dette. Ingenting er endret.';
const user = (p: Person): TestUser => ({ aadObjectId: p.aadObjectId, name: p.name });

describe('acting on «Mine oppgaver» over HTTP (/api/messages)', () => {
  let bot: TestBot;
  let now = ARCHIVE_NOW;
  let team: Team;
  let other: Team;
  let topApprover: Person;
  let archivist: Person;
  let seeded: Awaited<ReturnType<typeof seedDailyWork>>;
  const prisma = () => bot.arkivlos.database.prisma;
  const archive = () => builtInRegistry(prisma());
  const as = (p: Person, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: bot.connector.url, user: user(p), ...extra });
  const entry = async (id: string) => (await archive().entriesById([id]))[0]!;

  /** One Action.Execute; the answer is the card Teams puts in place of the old one, or a sentence. */
  const click = async (p: Person, verb: string, data: Record<string, unknown>, extra: Partial<ActivityOptions> = {}): Promise<Card | string> => {
    const response = await bot.post(actionExecuteActivity(verb, data, as(p, extra)));
    expect(response.status).toBe(200);
    return (response.body as { value: Card | string }).value;
  };
  const clickCard = async (p: Person, verb: string, data: Record<string, unknown>) => {
    const answer = await click(p, verb, data);
    if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
    return answer;
  };
  const tasks = async (p: Person) => {
    bot.connector.clear();
    await bot.post(messageActivity('oppgaver', as(p)));
    const [reply] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    return reply!.body.attachments![0]!.content as unknown as Card;
  };
  /** The button of an action for one item, as the card offers it. */
  const button = (card: Card, verb: string, key: string, id: string) => {
    const found = actions(card).find((action) => action.verb === verb && action.data?.[key] === id);
    if (!found) throw new Error(`no ${verb} for ${id} on the card: ${actions(card).map((action) => action.verb).join(', ')}`);
    return found;
  };
  /** A form's main button (the one that sends its inputs) with the inputs filled in, as Teams sends it. */
  const submit = (form: Card, verb: string, inputs: Record<string, string>) => {
    const action = actions(form).find((candidate) => candidate.verb === verb && candidate.data?.submit === true && candidate.data.method === undefined)!;
    return { ...action.data, ...inputs };
  };

  beforeAll(async () => {
    bot = await startTestBot({}, { now: () => now });
    topApprover = await createPersonWithRole(prisma(), 'Kommunedirektør', 'toppgodkjenner');
    archivist = await createPersonWithRole(prisma(), 'Arkivar', 'arkivet');
    team = await createTeam(prisma(), 'Byggesak');
    seeded = await seedDailyWork(prisma(), team, { topApproverId: topApprover.id });
    other = await createTeam(prisma(), 'Barnevern');
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('lets a leader distribute an entry from the card: the form lists the unit’s caseworkers, and the card then says what was done, by whom and when', async () => {
    const unassigned = seeded.unit.entryIds[0]!;
    const card = await tasks(team.leader);
    const form = await clickCard(team.leader, 'daily.distribute', button(card, 'daily.distribute', 'entryId', unassigned).data!);
    const choice = elements(form.body).find((element) => element.id === 'person')!;
    expect(choice.label).toBe('Saksbehandler (og underenhet)');
    expect(choice.choices!.map((option) => option.title)).toEqual(
      expect.arrayContaining([team.caseworker.name, team.colleague.name, `${team.subCaseworker.name} (${team.subUnit.name})`]),
    );
    expect(choice.choices!.map((option) => option.title)).not.toContain(other.caseworker.name);

    const toSub = choice.choices!.find((option) => option.title.startsWith(team.subCaseworker.name))!.value;
    const after = await clickCard(team.leader, 'daily.distribute', submit(form, 'daily.distribute', { person: toSub }));
    const number = (await entry(unassigned)).number;
    expect(lines(after)).toContain(`✔ ${number}: fordelt til ${team.subCaseworker.name}. Gjort av deg 26.11.2026, 09:00.`);
    expect(lines(after).some((line) => line.includes('Ufordelt brev fra innbygger'))).toBe(false);
    const stored = await entry(unassigned);
    expect(stored.caseworker?.id).toBe(team.subCaseworker.id);
    expect(stored.subUnitId).toBe(team.subUnit.id);
    const kase = (await archive().casesById([stored.caseId]))[0]!;
    expect(kase.saksansvarlig?.id).toBe(team.subCaseworker.id);
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { entityId: unassigned, action: 'archive.distributed' } });
    expect(audit.actor).toBe(team.leader.aadObjectId);

    // The same card again (a second click, or the old card): nothing changes twice.
    const again = await clickCard(team.leader, 'daily.distribute', submit(form, 'daily.distribute', { person: choice.choices![0]!.value }));
    expect(lines(again)).toContain(`⚠ ${number}: allerede fordelt til ${team.subCaseworker.name} av ${team.leader.name} 26.11.2026, 09:00. Ingenting er endret nå.`);
    expect((await entry(unassigned)).version).toBe(stored.version);
    // Opening the form on the old card shows the current state instead of a form.
    const reopened = await clickCard(team.leader, 'daily.distribute', button(card, 'daily.distribute', 'entryId', unassigned).data!);
    expect(lines(reopened)[1]).toMatch(/^⚠ .*allerede fordelt til/);
  });

  it('refuses a leader an entry of another unit (a forged id) and a caseworker another’s approval; nothing changes', async () => {
    const theirs = await createCaseWith(prisma(), { unitId: other.unit.id }, [{ unitId: other.unit.id, title: 'Bekymringsmelding' }]);
    const forged = await click(team.leader, 'daily.distribute', { entryId: theirs.entryIds[0], version: 1, submit: true, person: team.caseworker.id });
    expect(forged).toBe(FORBIDDEN);
    expect((await entry(theirs.entryIds[0]!)).caseworker).toBeNull();
    const opening = await click(team.leader, 'daily.returnToArchive', { entryId: theirs.entryIds[0], version: 1 });
    expect(opening).toBe(FORBIDDEN);
    expect((await entry(theirs.entryIds[0]!)).unitId).toBe(other.unit.id);

    const [step] = (await archive().approvalsWaiting([team.leader.id]))[0]!.items;
    expect(await click(team.caseworker, 'daily.approve', { stepId: step!.id, version: step!.version })).toBe(FORBIDDEN);
    expect((await archive().stepsById([step!.id]))[0]!.flytstatus).toBe('V');
    expect(await click(team.leader, 'daily.approve', { stepId: 'not-a-uuid', version: 1 })).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
  });

  it('answers an action from a group chat with where the card’s actions are used, and changes nothing', async () => {
    const [target] = seeded.mine.entryIds;
    const before = await entry(target!);
    const answer = await click(team.caseworker, 'daily.writeOff', { entryId: target, version: before.version, submit: true, method: 'TE' }, { conversationType: 'groupChat', conversationId: '19:gruppe@thread.v2' });
    expect(answer).toBe('Handlingene på oppgavekortet brukes i 1:1-chatten din med Arkivlos. Skriv «oppgaver» der.');
    expect((await entry(target!)).writeOff).toBeNull();
  });

  it('sends a wrongly assigned entry back: «Feil saksbehandler» to the leader, «Feil enhet» to the archive', async () => {
    const kase = await createCaseWith(prisma(), { unitId: team.unit.id }, [
      { unitId: team.unit.id, caseworkerId: team.caseworker.id, assignedAt: ARCHIVE_NOW, title: 'Feilsendt søknad' },
      { unitId: team.unit.id, title: 'Brev til feil enhet' },
    ]);
    const [mine, unassigned] = kase.entryIds as [string, string];
    const back = await clickCard(team.caseworker, 'daily.returnToLeader', { entryId: mine, version: (await entry(mine)).version });
    expect(lines(back)[1]).toMatch(/^✔ .*: sendt tilbake til leder \(feil saksbehandler\)\. Gjort av deg/);
    expect((await entry(mine)).caseworker).toBeNull();
    expect((await entry(mine)).unitId).toBe(team.unit.id);

    const archived = await clickCard(team.leader, 'daily.returnToArchive', { entryId: unassigned, version: (await entry(unassigned)).version });
    expect(lines(archived)[1]).toMatch(/^✔ .*: sendt tilbake til arkivet \(feil enhet\)/);
    expect((await entry(unassigned)).unitId).toBeNull();
    const control = await tasks(archivist);
    expect(lines(control).some((line) => line.includes('Brev til feil enhet'))).toBe(true);
  });

  it('lets a leader redistribute an assigned entry, their own included', async () => {
    const kase = await createCaseWith(prisma(), { unitId: team.unit.id }, [
      { unitId: team.unit.id, caseworkerId: team.leader.id, assignedAt: ARCHIVE_NOW, title: 'Til lederen selv' },
    ]);
    const [own] = kase.entryIds as [string];
    const card = await tasks(team.leader);
    const form = await clickCard(team.leader, 'daily.redistribute', button(card, 'daily.redistribute', 'entryId', own).data!);
    const after = await clickCard(team.leader, 'daily.redistribute', submit(form, 'daily.redistribute', { person: team.colleague.id }));
    expect(lines(after)[1]).toMatch(new RegExp(`^✔ .*: omfordelt til ${team.colleague.name}\\.`));
    expect((await entry(own)).caseworker?.id).toBe(team.colleague.id);
  });

  it('writes off with each one-click method, keeps *** in the backlog and clears the § 11 a warning, and refuses BU without or with a wrong reply in words', async () => {
    const oneClick = ['TE', 'TO', 'TLF', 'BE'];
    const kase = await createCaseWith(prisma(), { unitId: team.unit.id }, [
      ...oneClick.map((method) => ({ unitId: team.unit.id, caseworkerId: team.caseworker.id, assignedAt: ARCHIVE_NOW, title: `Skal avskrives ${method}` })),
      { unitId: team.unit.id, caseworkerId: team.caseworker.id, assignedAt: ARCHIVE_NOW, title: 'Skal besvares med brev' },
      { unitId: team.unit.id, caseworkerId: team.caseworker.id, type: 'U', status: 'E', title: 'Svarbrev' },
      { unitId: team.unit.id, caseworkerId: team.caseworker.id, type: 'N', status: 'F', title: 'Internt notat' },
    ]);
    for (const [index, method] of oneClick.entries()) {
      const id = kase.entryIds[index]!;
      const form = await clickCard(team.caseworker, 'daily.writeOff', { entryId: id, version: (await entry(id)).version });
      const one = actions(form).find((action) => action.data?.method === method)!;
      const after = await clickCard(team.caseworker, 'daily.writeOff', one.data!);
      expect(lines(after)[1]).toMatch(/^✔ .*: avskrevet\. Gjort av deg/);
      expect((await entry(id)).writeOff?.method).toBe(method);
    }

    const [letter, reply, note] = kase.entryIds.slice(4) as [string, string, string];
    const form = await clickCard(team.caseworker, 'daily.writeOff', { entryId: letter, version: (await entry(letter)).version });
    const without = await clickCard(team.caseworker, 'daily.writeOff', submit(form, 'daily.writeOff', { replyMethod: 'BU', replyNumber: '' }));
    expect(lines(without)).toContain('⚠ Avskrivning med BU, BN eller NN krever journalpostnummeret til svaret (for eksempel 2026/1234-4). Ingenting er endret.');
    const wrong = await clickCard(team.caseworker, 'daily.writeOff', submit(form, 'daily.writeOff', { replyMethod: 'BU', replyNumber: (await entry(note)).number }));
    expect(lines(wrong)).toContain('⚠ Svaret må være en journalpost i samme sak: et utgående brev (U) for BU, et notat (N) for BN og NN. Ingenting er endret.');
    const elsewhere = await clickCard(team.caseworker, 'daily.writeOff', submit(form, 'daily.writeOff', { replyMethod: 'BU', replyNumber: (await entry(seeded.mine.entryIds[2]!)).number }));
    expect(lines(elsewhere)[2]).toMatch(/^⚠ Svaret må være en journalpost i samme sak/);
    expect((await entry(letter)).writeOff).toBeNull();
    const right = await clickCard(team.caseworker, 'daily.writeOff', submit(form, 'daily.writeOff', { replyMethod: 'BU', replyNumber: (await entry(reply)).number }));
    expect(lines(right)[1]).toMatch(/^✔ .*: avskrevet\./);
    expect((await entry(letter)).writeOff).toMatchObject({ method: 'BU', replyNumber: (await entry(reply)).number });

    // *** on the enkeltvedtak entry nearing a month: still in the backlog, the warning gone.
    const warning = '⚠ Foreløpig svar bør sendes (forvaltningsloven § 11 a).';
    const [bostotte] = seeded.enkeltvedtak.entryIds as [string];
    const card = await tasks(team.caseworker);
    expect(lines(card)).toContain(warning);
    const writeOffForm = await clickCard(team.caseworker, 'daily.writeOff', button(card, 'daily.writeOff', 'entryId', bostotte).data!);
    const forelopig = await clickCard(team.caseworker, 'daily.writeOff', actions(writeOffForm).find((action) => action.data?.method === '***')!.data!);
    expect(lines(forelopig)).not.toContain(warning);
    expect(lines(forelopig)).toContain('Foreløpig svar er sendt.');
    expect(lines(forelopig).some((line) => line.includes('Søknad om bostøtte – Per Hansen'))).toBe(true);
  });

  it('sets a due date and a new OBS date from their forms, and receipts a decision with one click', async () => {
    const [, dueEntry] = seeded.mine.entryIds as [string, string];
    const card = await tasks(team.caseworker);
    const dueForm = await clickCard(team.caseworker, 'daily.setDueDate', button(card, 'daily.setDueDate', 'entryId', dueEntry).data!);
    expect(elements(dueForm.body).find((element) => element.id === 'date')).toMatchObject({ type: 'Input.Date', label: 'Ny forfallsdato', value: '2026-11-30' });
    const badDate = await clickCard(team.caseworker, 'daily.setDueDate', submit(dueForm, 'daily.setDueDate', { date: '30.12.2026' }));
    expect(lines(badDate)).toContain('⚠ Dette kunne jeg ikke bruke. Ingenting er endret.');
    const due = await clickCard(team.caseworker, 'daily.setDueDate', submit(dueForm, 'daily.setDueDate', { date: '2026-12-18' }));
    expect(lines(due)[1]).toMatch(/^✔ .*: gitt ny forfallsdato\./);
    expect((await entry(dueEntry)).dueDate).toBe('2026-12-18');

    const obsForm = await clickCard(team.caseworker, 'daily.setObsDate', button(card, 'daily.setObsDate', 'caseId', seeded.mine.caseId).data!);
    const obs = await clickCard(team.caseworker, 'daily.setObsDate', submit(obsForm, 'daily.setObsDate', { date: '2027-03-01' }));
    expect(lines(obs)[1]).toMatch(/^✔ .*: gitt ny OBS-dato\./);
    expect((await archive().casesById([seeded.mine.caseId]))[0]!.obsDate).toBe('2027-03-01');
    expect(lines(obs).some((line) => line.includes('Reguleringsplan Nordre jorde'))).toBe(false);

    const decision = actions(card).find((action) => action.verb === 'daily.receiptDecision')!;
    const receipted = await clickCard(team.caseworker, 'daily.receiptDecision', decision.data!);
    expect(lines(receipted)[1]).toMatch(/^✔ .*: kvittert ut\./);
    expect((await archive().decisionsById([decision.data!.decisionId as string]))[0]!.receiptedBy?.id).toBe(team.caseworker.id);
  });

  it('takes a saksframlegg through the whole chain: Ikke godkjent needs a comment, Godkjent sends it to the top approver, who returns it, Send videre, and the top approver’s Godkjent makes it KL', async () => {
    const saksframlegg = seeded.unit.entryIds[2]!;
    const waiting = async (approver: Person) => (await archive().approvalsWaiting([approver.id]))[0]!.items.find((step) => step.entry.id === saksframlegg)!;

    let step = await waiting(team.leader);
    const refuseForm = await clickCard(team.leader, 'daily.notApprove', { stepId: step.id, version: step.version });
    const returnTo = elements(refuseForm.body).find((element) => element.id === 'person')!;
    expect(returnTo.value).toBe(team.caseworker.id);
    const noComment = await clickCard(team.leader, 'daily.notApprove', submit(refuseForm, 'daily.notApprove', { comment: '  ', person: team.caseworker.id }));
    expect(lines(noComment)).toContain('⚠ «Ikke godkjent» krever en kommentar om hva som må rettes. Ingenting er endret.');

    const approved = await clickCard(team.leader, 'daily.approve', { stepId: step.id, version: step.version });
    expect(lines(approved)[1]).toMatch(new RegExp(`^✔ .*: godkjent og sendt til ${topApprover.name}\\.`));
    expect((await entry(saksframlegg)).behandlingsstatus).toBe('RE');

    step = await waiting(topApprover as Person);
    const topCard = await tasks(topApprover);
    expect(lines(topCard).some((line) => line.includes('Saksframlegg: budsjett 2027'))).toBe(true);
    const topRefuse = await clickCard(topApprover, 'daily.notApprove', { stepId: step.id, version: step.version });
    const returned = await clickCard(topApprover, 'daily.notApprove', submit(topRefuse, 'daily.notApprove', { comment: 'Mangler økonomiske konsekvenser.', person: team.leader.id }));
    expect(lines(returned)[1]).toMatch(new RegExp(`^✔ .*: ikke godkjent og sendt tilbake til ${team.leader.name}\\.`));

    step = await waiting(team.leader);
    const forwardForm = await clickCard(team.leader, 'daily.forward', { stepId: step.id, version: step.version });
    const next = elements(forwardForm.body).find((element) => element.id === 'person')!;
    expect(next.choices!.map((option) => option.value)).toEqual(expect.arrayContaining([other.leader.id, topApprover.id]));
    const forwarded = await clickCard(team.leader, 'daily.forward', submit(forwardForm, 'daily.forward', { person: other.leader.id, merknad: 'Økonomi er lagt inn.' }));
    expect(lines(forwarded)[1]).toMatch(new RegExp(`^✔ .*: sendt videre til ${other.leader.name}\\.`));

    step = await waiting(other.leader);
    await clickCard(other.leader, 'daily.approve', { stepId: step.id, version: step.version });
    step = await waiting(topApprover);
    const final = await clickCard(topApprover, 'daily.approve', { stepId: step.id, version: step.version });
    expect(lines(final)[1]).toMatch(/^✔ .*: godkjent og sendt/);
    expect(await entry(saksframlegg)).toMatchObject({ status: 'F', behandlingsstatus: 'KL' });
  });

  it('decides public access: «Offentlig» removes XX; «Unnta» under § 13 sets S, and under § 14 needs the meirinnsyn confirmation', async () => {
    const kase = await createCaseWith(prisma(), { unitId: team.unit.id }, [
      { unitId: team.unit.id, caseworkerId: team.colleague.id, assignedAt: ARCHIVE_NOW, accessCode: 'XX', title: 'Brev fra Ola', publicTitle: 'Brev' },
      { unitId: team.unit.id, caseworkerId: team.caseworker.id, assignedAt: ARCHIVE_NOW, accessCode: 'XX', title: 'Helseopplysninger om Kari', publicTitle: 'Helseopplysninger' },
      { unitId: team.unit.id, caseworkerId: team.caseworker.id, assignedAt: ARCHIVE_NOW, accessCode: 'XX', title: 'Intern drøfting av budsjett', publicTitle: 'Intern drøfting' },
    ]);
    const [publicOne, s13, s14] = kase.entryIds as [string, string, string];
    const open = await clickCard(team.leader, 'daily.public', { entryId: publicOne, version: (await entry(publicOne)).version });
    expect(lines(open)[1]).toMatch(/^✔ .*: offentlighetsvurdert\./);
    expect((await entry(publicOne)).accessCode).toBeNull();

    const form13 = await clickCard(team.caseworker, 'daily.exempt', { entryId: s13, version: (await entry(s13)).version });
    const exempt = await clickCard(team.caseworker, 'daily.exempt', submit(form13, 'daily.exempt', { accessCode: 'H', legalBasis: '13', screenedFields: 'tittel,korrespondansepart', meirinnsyn: 'false', publicTitle: 'Helseopplysninger' }));
    expect(lines(exempt)[1]).toMatch(/^✔ .*: offentlighetsvurdert\./);
    expect(await entry(s13)).toMatchObject({ accessCode: 'H', legalBasis: '13', status: 'S', screenedFields: ['tittel', 'korrespondansepart'] });

    const form14 = await clickCard(team.caseworker, 'daily.exempt', { entryId: s14, version: (await entry(s14)).version });
    const fields = { accessCode: 'U', legalBasis: '14', screenedFields: 'dokument', publicTitle: '' };
    const refused = await clickCard(team.caseworker, 'daily.exempt', submit(form14, 'daily.exempt', { ...fields, meirinnsyn: 'false' }));
    expect(lines(refused)[2]).toMatch(/^⚠ .*meirinnsyn/);
    expect((await entry(s14)).accessCode).toBe('XX');
    const confirmed = await clickCard(team.caseworker, 'daily.exempt', submit(form14, 'daily.exempt', { ...fields, meirinnsyn: 'true' }));
    expect(lines(confirmed)[1]).toMatch(/^✔ /);
    expect(await entry(s14)).toMatchObject({ accessCode: 'U', legalBasis: '14', status: 'S' });
  });

  it('shows today’s card when someone acts on yesterday’s', async () => {
    const kase = await createCaseWith(prisma(), { unitId: team.unit.id }, [{ unitId: team.unit.id, caseworkerId: team.caseworker.id, assignedAt: ARCHIVE_NOW, title: 'Brev fra i går' }]);
    const [letter] = kase.entryIds as [string];
    const yesterday = await tasks(team.caseworker);
    expect(lines(yesterday)[0]).toBe('Mine oppgaver torsdag 26. november 2026');
    now = new Date('2026-11-27T07:45:00Z');
    try {
      const form = await clickCard(team.caseworker, 'daily.writeOff', button(yesterday, 'daily.writeOff', 'entryId', letter).data!);
      const today = await clickCard(team.caseworker, 'daily.writeOff', actions(form).find((action) => action.data?.method === 'TO')!.data!);
      expect(lines(today)[0]).toBe('Mine oppgaver fredag 27. november 2026');
      expect(lines(today)[1]).toMatch(/^✔ .*: avskrevet\. Gjort av deg 27\.11\.2026, 08:45\.$/);
    } finally {
      now = ARCHIVE_NOW;
    }
  });

  it('lets the archive register an entry finally («Journalfør»), and no one else', async () => {
    const kase = await createCaseWith(prisma(), { unitId: team.unit.id }, [{ unitId: team.unit.id, caseworkerId: team.caseworker.id, type: 'U', status: 'F', title: 'Ferdig brev' }]);
    const [letter] = kase.entryIds as [string];
    const version = (await entry(letter)).version;
    expect(await click(team.caseworker, 'daily.registerFinally', { entryId: letter, version })).toBe(FORBIDDEN);
    const done = await clickCard(archivist, 'daily.registerFinally', { entryId: letter, version });
    expect(lines(done)[1]).toMatch(/^✔ .*: journalført\./);
    expect((await entry(letter)).status).toBe('J');
  });

  it('lets the deputy act while the leader is away, and not after; when both click at once only one distributes and the other learns who did', async () => {
    const deputy = other.colleague;
    await prisma().unitDeputy.create({ data: { unitId: other.unit.id, personId: deputy.id, rank: 1 } });
    const kase = await createCaseWith(prisma(), { unitId: other.unit.id }, [
      { unitId: other.unit.id, title: 'Melding til barnevernet' },
      { unitId: other.unit.id, title: 'Ny melding etter fraværet' },
    ]);
    const [during, afterwards] = kase.entryIds as [string, string];
    const version = (await entry(during)).version;
    expect(await click(deputy, 'daily.distribute', { entryId: during, version })).toBe(FORBIDDEN);

    await prisma().absence.create({ data: { personId: other.leader.id, fromDate: new Date('2026-11-23'), toDate: new Date('2026-11-27') } });
    const deputyCard = await tasks(deputy);
    expect(lines(deputyCard).some((line) => line.includes(`som stedfortreder for ${other.leader.name}`))).toBe(true);
    const data = button(deputyCard, 'daily.distribute', 'entryId', during).data!;
    // The leader (on an old card) and the deputy send the form at the same moment.
    const [byLeader, byDeputy] = await Promise.all([
      clickCard(other.leader, 'daily.distribute', { ...data, submit: true, person: other.caseworker.id }),
      clickCard(deputy, 'daily.distribute', { ...data, submit: true, person: other.subCaseworker.id }),
    ]);
    const notices = [lines(byLeader)[1]!, lines(byDeputy)[1]!];
    expect(notices.filter((line) => line.startsWith('✔ '))).toHaveLength(1);
    const late = notices.find((line) => line.startsWith('⚠ '))!;
    const stored = await entry(during);
    const winner = stored.caseworker!.id === other.caseworker.id ? other.leader : deputy;
    expect(late).toContain(`allerede fordelt til ${stored.caseworker!.name} av ${winner.name}`);
    expect(stored.version).toBe(version + 1);
    expect(await prisma().auditEntry.count({ where: { entityId: during, action: 'archive.distributed' } })).toBe(1);

    // Monday after the absence: the deputy's rights have ended.
    now = new Date('2026-11-30T08:00:00Z');
    try {
      expect(await click(deputy, 'daily.distribute', { entryId: afterwards, version: (await entry(afterwards)).version })).toBe(FORBIDDEN);
      expect(lines(await tasks(other.leader)).some((line) => line.includes('Ny melding etter fraværet'))).toBe(true);
    } finally {
      now = ARCHIVE_NOW;
    }
  });
});
