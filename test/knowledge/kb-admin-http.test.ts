import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionExecuteActivity, messageActivity, type ActivityOptions } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';

// The demo organisation: Adele is in the archive (DOKU), Patti a subject specialist in OKO, Alex a caseworker in OKO.
const ADELE = { aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' };
const PATTI = { aadObjectId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' };
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
type User = typeof ADELE;

type CardElement = { type: string; text?: string; id?: string; label?: string; value?: string; items?: CardElement[]; actions?: CardAction[]; inlines?: { text: string }[] };
type CardAction = { type: string; title: string; verb?: string; data?: Record<string, unknown> };
type Card = { speak: string; body: CardElement[]; actions?: CardAction[] };
type InvokeAnswer = { statusCode: number; type: string; value: Card | string };

function texts(card: Card): string {
  const walk = (elements: CardElement[]): string[] =>
    elements.flatMap((element) => [...(element.text ? [element.text] : []), ...(element.inlines ?? []).map((run) => run.text), ...walk(element.items ?? [])]);
  return walk(card.body).join('\n');
}
function actions(card: Card): CardAction[] {
  const walk = (elements: CardElement[]): CardAction[] => elements.flatMap((element) => [...(element.actions ?? []), ...walk(element.items ?? [])]);
  return [...walk(card.body), ...(card.actions ?? [])];
}
function inputs(card: Card): CardElement[] {
  const walk = (elements: CardElement[]): CardElement[] => elements.flatMap((element) => [...(element.type.startsWith('Input.') ? [element] : []), ...walk(element.items ?? [])]);
  return walk(card.body);
}

const FORM = { title: 'Brannøvelse i arkivmagasinet', body: 'Slik rydder du **arkivmagasinet** før brannøvelsen: lukk skapene og ta med nøkkelkortet.', lang: 'nb', tags: 'brann, magasin', link: '' };

describe('the knowledge base’s management over HTTP (/api/messages)', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;
  const as = (user: User, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: bot.connector.url, user, ...extra });
  const invoke = async (verb: string, data: Record<string, unknown>, user: User = ADELE, extra: Partial<ActivityOptions> = {}) => {
    const response = await bot.post(actionExecuteActivity(verb, data, as(user, extra)));
    expect(response.status).toBe(200);
    return (response.body as InvokeAnswer).value;
  };
  const cardOf = async (verb: string, data: Record<string, unknown>, user: User = ADELE) => {
    const value = await invoke(verb, data, user);
    expect(typeof value, String(value)).toBe('object');
    return value as Card;
  };
  /** What the bot answers a message: its card, or its text. */
  const say = async (text: string, user: User = ADELE, extra: Partial<ActivityOptions> = {}) => {
    bot.connector.clear();
    await bot.post(messageActivity(text, as(user, extra)));
    const [sent] = await bot.connector.waitFor((a) => a.body.type === 'message');
    const attachment = sent!.body.attachments?.[0]?.content as Card | undefined;
    return attachment ? texts(attachment) : String(sent!.body.text);
  };
  const article = (title: string) => prisma().knowledgeArticle.findFirstOrThrow({ where: { title } });
  const audits = (entityId: string) => prisma().auditEntry.findMany({ where: { entityId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(() => bot.connector.clear());

  it('«Ny artikkel» makes an article of the writer’s unit, audited, that søk finds at once; the list shows it with its counts', async () => {
    // The demo knowledge base is the archive's (DOKU): imported from files.
    const own = await say('artikler');
    expect(own).toContain('Artiklene til Dokumentsenteret.');
    expect(own).toContain('Bokmål · Bruk av sak-/arkivsystemet · Importert fra fil · 0 visninger · hjalp 0 ganger');
    const form = await cardOf('kb.new', {});
    expect(inputs(form).map((input) => input.id)).toEqual(['title', 'body', 'link', 'lang', 'subjectAreaId', 'tags']);
    expect(inputs(form).every((input) => input.label)).toBe(true);
    const areas = await prisma().subjectArea.findFirstOrThrow({ where: { code: 'SAKARKIV' } });

    const list = await cardOf('kb.create', { ...FORM, subjectAreaId: areas.id });
    expect(texts(list)).toContain('✔ Artikkelen «Brannøvelse i arkivmagasinet» er lagret');
    expect(texts(list)).toContain('Bokmål · Bruk av sak-/arkivsystemet · Skrevet av enheten · 0 visninger · hjalp 0 ganger');
    const stored = await article(FORM.title);
    const doku = await prisma().unit.findUniqueOrThrow({ where: { code: 'DOKU' } });
    expect(stored).toMatchObject({ owningUnitId: doku.id, source: 'manual', tags: ['brann', 'magasin'], link: null, lang: 'nb', version: 1, retiredAt: null });
    expect((await audits(stored.id)).map((entry) => [entry.action, entry.actor])).toEqual([['knowledge.article.created', ADELE.aadObjectId]]);
    expect(actions(list).filter((action) => action.data?.articleId === stored.id).map((action) => action.verb)).toEqual(['kb.edit', 'kb.retire']);

    expect(await say('søk brannøvelse', ALEX)).toContain('Brannøvelse i arkivmagasinet');
  });

  it('an edit is saved at the form’s version, audited before and after, and found by its new words; a stale form changes nothing', async () => {
    const stored = await article(FORM.title);
    const form = await cardOf('kb.edit', { articleId: stored.id });
    expect(inputs(form).find((input) => input.id === 'body')?.value).toBe(FORM.body);
    expect(actions(form).find((action) => action.verb === 'kb.save')?.data).toEqual({ articleId: stored.id, version: 1 });

    const body = 'Før **sprinklertesten** flytter du eskene bort fra hyllene.';
    const list = await cardOf('kb.save', { articleId: stored.id, version: 1, ...FORM, body, lang: 'nb' });
    expect(texts(list)).toContain('✔ Endringene i «Brannøvelse i arkivmagasinet» er lagret.');
    const edited = await article(FORM.title);
    expect(edited).toMatchObject({ body, version: 2 });
    const updated = (await audits(stored.id)).find((entry) => entry.action === 'knowledge.article.updated')!;
    // Only the changed fields: the body, and the subject area the form left empty.
    expect(updated.before).toEqual({ id: stored.id, version: 1, body: FORM.body, subjectAreaId: stored.subjectAreaId });
    expect(updated.after).toEqual({ id: stored.id, version: 2, body, subjectAreaId: null });

    expect(await say('søk sprinklertesten', ALEX)).toContain('Brannøvelse i arkivmagasinet');

    // The same form again (version 1): someone changed it since; nothing is written.
    expect(await invoke('kb.save', { articleId: stored.id, version: 1, ...FORM, body: 'Gammel tekst' })).toBe('Noen andre endret dette samtidig. Ingenting er endret; prøv igjen.');
    expect(await article(FORM.title)).toMatchObject({ body, version: 2 });
  });

  it('bad input is refused in words on the form, with what was written kept, and nothing changes', async () => {
    const stored = await article(FORM.title);
    const count = await prisma().knowledgeArticle.count();
    const refused = await cardOf('kb.save', { articleId: stored.id, version: 2, ...FORM, title: '  ', link: 'http://intranett.kommune.no/brann', body: 'x'.repeat(8001) });
    expect(texts(refused)).toContain('⚠ Ingenting er lagret. Rett dette:');
    expect(texts(refused)).toContain('Tittel: må fylles ut.');
    expect(texts(refused)).toContain('Tekst: høyst 8000 tegn.');
    expect(texts(refused)).toContain('Lenke til en side (valgfri, https://…): må være en https-adresse (https://…).');
    expect(inputs(refused).find((input) => input.id === 'link')?.value).toBe('http://intranett.kommune.no/brann');
    const created = await cardOf('kb.create', { ...FORM, title: '', tags: Array.from({ length: 11 }, (_, i) => `ord${i}`).join(',') });
    expect(texts(created)).toContain('Tittel: må fylles ut.');
    expect(texts(created)).toContain('Stikkord (skill dem med komma): høyst 10 stikkord.');
    // An imported article's nynorsk version has the same slug: the bokmål one cannot become nynorsk.
    const imported = await prisma().knowledgeArticle.findUniqueOrThrow({ where: { slug_lang: { slug: 'avskrivning-metoder', lang: 'nb' } } });
    expect(await invoke('kb.save', { articleId: imported.id, version: imported.version, title: imported.title, body: imported.body, lang: 'nn' })).toBe(
      'Artikkelen har allerede en versjon på det språket. Ingenting er endret. Rediger den versjonen, eller velg et annet språk.',
    );
    expect(await prisma().knowledgeArticle.count()).toBe(count);
    expect(await article(FORM.title)).toMatchObject({ version: 2, link: null });
    expect(await prisma().knowledgeArticle.findUniqueOrThrow({ where: { id: imported.id } })).toMatchObject({ lang: 'nb', version: imported.version });
  });

  it('«Trekk tilbake» keeps the article but søk no longer finds it; «Gjenopprett» brings it back; a second click changes nothing', async () => {
    const stored = await article(FORM.title);
    const list = await cardOf('kb.retire', { articleId: stored.id, version: 2 });
    expect(texts(list)).toContain('✔ «Brannøvelse i arkivmagasinet» er trukket tilbake og blir ikke funnet lenger.');
    // Retired ones come last in the unit's list; the card's search finds them (self-help does not).
    const found = await cardOf('kb.list', { query: 'arkivmagasinet' });
    expect(texts(found)).toContain('Brannøvelse i arkivmagasinet\nBokmål · Skrevet av enheten · 0 visninger · hjalp 0 ganger\n⚠ Trukket tilbake: blir ikke funnet');
    expect(actions(found).filter((action) => action.data?.articleId === stored.id).map((action) => action.verb)).toEqual(['kb.edit', 'kb.restore']);
    expect((await article(FORM.title)).retiredAt).not.toBeNull();
    expect(await say('søk sprinklertesten', ALEX)).toContain('Fant ingen hjelpeartikler');

    expect(await invoke('kb.retire', { articleId: stored.id, version: 2 })).toBe('Noen andre endret dette samtidig. Ingenting er endret; prøv igjen.');
    const restored = await cardOf('kb.restore', { articleId: stored.id, version: 3 });
    expect(texts(restored)).toContain('er gjenopprettet og blir funnet igjen.');
    expect(await say('søk sprinklertesten', ALEX)).toContain('Brannøvelse i arkivmagasinet');
    expect((await audits(stored.id)).map((entry) => entry.action)).toEqual([
      'knowledge.article.created',
      'knowledge.article.updated',
      'knowledge.article.retired',
      'knowledge.article.restored',
    ]);
  });

  it('another unit’s article shows without edit buttons, and a forged edit or retirement is refused and changes nothing', async () => {
    await cardOf('kb.create', { title: 'Fakturaflyt i økonomi', body: 'Slik går en **faktura** gjennom attestasjon.', lang: 'nb', tags: '' }, PATTI);
    const theirs = await article('Fakturaflyt i økonomi');
    const found = await cardOf('kb.list', { query: 'faktura' });
    expect(texts(found)).toContain('Fakturaflyt i økonomi');
    expect(texts(found)).toContain('Eies av Økonomiavdelingen');
    expect(actions(found).filter((action) => action.data?.articleId === theirs.id)).toEqual([]);

    const refusal = 'Artikkelen eies av en annen enhet, og bare de kan endre den. Ingenting er endret.';
    expect(await invoke('kb.edit', { articleId: theirs.id })).toBe(refusal);
    expect(await invoke('kb.save', { articleId: theirs.id, version: 1, title: 'Overtatt', body: 'Ny tekst', lang: 'nb' })).toBe(refusal);
    expect(await invoke('kb.retire', { articleId: theirs.id, version: 1 })).toBe(refusal);
    expect(await article('Fakturaflyt i økonomi')).toMatchObject({ version: 1, retiredAt: null, body: theirs.body });
    expect(await audits(theirs.id)).toHaveLength(1);
  });

  it('a caseworker is refused the command and every card action, and outside the 1:1 chat the command says where it works', async () => {
    const count = await prisma().knowledgeArticle.count();
    const onlySupport = 'Bare arkivet, prosessrådgivere, fagspesialister og administratorer kan vedlikeholde kunnskapsbasen. Ingenting er endret.';
    expect(await say('artikler', ALEX)).toBe(onlySupport);
    expect(await invoke('kb.create', { ...FORM, title: 'Saksbehandlers artikkel' }, ALEX)).toBe(onlySupport);
    const stored = await article(FORM.title);
    expect(await invoke('kb.retire', { articleId: stored.id, version: stored.version }, ALEX)).toBe(onlySupport);
    expect(await prisma().knowledgeArticle.count()).toBe(count);
    expect((await article(FORM.title)).retiredAt).toBeNull();

    expect(await say('artikler', ADELE, { conversationType: 'groupChat', conversationId: '19:gruppe@thread.v2' })).toBe(
      '«artikler» virker bare i din personlige chat med Arkivlos. Ingenting er endret.',
    );
    expect(await invoke('kb.edit', { articleId: 'ikke-en-id' })).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
  });
});
