import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { titleFromQuestion } from '../../domain/knowledge/publish-qa-answer.js';
import { actionExecuteActivity, messageActivity, type ActivityOptions } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';

// The demo organisation: Adele is in the archive (DOKU), Patti a subject specialist in OKO, Alex a caseworker.
const ADELE = { aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' };
const PATTI = { aadObjectId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' };
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
type User = typeof ADELE;

type CardElement = { type: string; text?: string; id?: string; value?: string; items?: CardElement[]; actions?: CardAction[]; inlines?: { text: string }[] };
type CardAction = { type: string; title: string; verb?: string; data?: Record<string, unknown> };
type Card = { speak: string; body: CardElement[]; actions?: CardAction[] };

function texts(card: Card): string {
  const walk = (elements: CardElement[]): string[] =>
    elements.flatMap((element) => [...(element.text ? [element.text] : []), ...(element.inlines ?? []).map((run) => run.text), ...walk(element.items ?? [])]);
  return walk(card.body).join('\n');
}
const inputs = (card: Card) => card.body.filter((element) => element.type.startsWith('Input.'));

const QUESTION = 'Hvordan skanner jeg et vedlegg som kom på papir i posten, og hvor legger jeg det etterpå? Vi lurer på dette i hele avdelingen.';
const ANSWER = 'Bruk **skannerrobot** i postrommet: legg arket i mateskuffen og velg «Til sak».';

describe('publishing an answered question as a knowledge-base article over HTTP (/api/messages)', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;
  const as = (user: User, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: bot.connector.url, user, ...extra });
  const invoke = async (verb: string, data: Record<string, unknown>, user: User = ADELE, extra: Partial<ActivityOptions> = {}) => {
    const response = await bot.post(actionExecuteActivity(verb, data, as(user, extra)));
    expect(response.status).toBe(200);
    return (response.body as { value: Card | string }).value;
  };
  const card = async (verb: string, data: Record<string, unknown>, user: User = ADELE) => {
    const value = await invoke(verb, data, user);
    expect(typeof value, String(value)).toBe('object');
    return value as Card;
  };
  const search = async (text: string) => {
    bot.connector.clear();
    await bot.post(messageActivity(text, as(ALEX)));
    const [sent] = await bot.connector.waitFor((a) => Boolean(a.body.attachments?.length));
    return texts(sent!.body.attachments![0]!.content as Card);
  };
  let answered: string;
  let open: string;

  beforeAll(async () => {
    bot = await startTestBot();
    const adele = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ADELE.aadObjectId } });
    const alex = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
    const session = await prisma().qaSession.create({
      data: { conversationId: '19:sporretime@thread.tacv2', title: 'Felles oppstart', startsAt: new Date('2026-11-27T08:00:00Z'), endsAt: new Date('2026-11-27T09:00:00Z'), moderatorId: adele.id, state: 'open' },
    });
    answered = (await prisma().qaQuestion.create({
      data: { sessionId: session.id, text: QUESTION, askerId: alex.id, anonymous: true, status: 'answered', answer: ANSWER, answeredById: adele.id, answeredAt: new Date() },
    })).id;
    open = (await prisma().qaQuestion.create({ data: { sessionId: session.id, text: 'Når kommer neste versjon?', askerId: alex.id } })).id;
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(() => bot.connector.clear());

  it('a long question becomes a title cut at a word; a short one stays as it is', () => {
    expect(titleFromQuestion(QUESTION)).toBe('Hvordan skanner jeg et vedlegg som kom på papir i posten, og hvor legger jeg det etterpå?');
    expect(titleFromQuestion('Hva er en restanse?\nMer tekst')).toBe('Hva er en restanse?');
    const long = titleFromQuestion('ord '.repeat(60));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('ord…')).toBe(true);
  });

  it('the form shows the question and answer and suggests a title; publishing makes an audited article of the publisher’s unit that søk finds', async () => {
    const form = await card('qa.publish.show', { questionId: answered });
    expect(texts(form)).toContain(QUESTION);
    expect(texts(form)).toContain(ANSWER);
    expect(texts(form)).not.toContain('Alex');
    expect(inputs(form).map((input) => [input.id, input.value])).toEqual([
      ['title', 'Hvordan skanner jeg et vedlegg som kom på papir i posten, og hvor legger jeg det etterpå?'],
      ['lang', 'nb'],
      ['subjectAreaId', undefined],
      ['tags', undefined],
    ]);

    const area = await prisma().subjectArea.findFirstOrThrow({ where: { code: 'SAKARKIV' } });
    const done = await card('qa.publish.submit', { questionId: answered, title: 'Skanne vedlegg fra papirpost', lang: 'nb', subjectAreaId: area.id, tags: 'skanning, post' });
    expect(texts(done)).toContain('✔ Svaret er publisert som «Skanne vedlegg fra papirpost».');
    const article = await prisma().knowledgeArticle.findFirstOrThrow({ where: { title: 'Skanne vedlegg fra papirpost' } });
    const doku = await prisma().unit.findUniqueOrThrow({ where: { code: 'DOKU' } });
    expect(article).toMatchObject({ body: ANSWER, source: 'sporretime', owningUnitId: doku.id, lang: 'nb', subjectAreaId: area.id, tags: ['skanning', 'post'], retiredAt: null });
    expect((await prisma().qaQuestion.findUniqueOrThrow({ where: { id: answered } })).articleId).toBe(article.id);
    const audit = await prisma().auditEntry.findMany({ where: { entityId: { in: [article.id, answered] } }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['knowledge.article.created', ADELE.aadObjectId],
      ['qa.question.published', ADELE.aadObjectId],
    ]);
    expect(done.actions?.map((action) => [action.verb, action.data])).toEqual([
      ['kb.edit', { articleId: article.id }],
      ['kb.list', {}],
    ]);

    expect(await search('søk skannerrobot')).toContain('Skanne vedlegg fra papirpost');
  });

  it('publishing twice is refused with the article’s title, and nothing changes — also from another unit, which gets no edit button', async () => {
    const count = await prisma().knowledgeArticle.count();
    const again = await card('qa.publish.submit', { questionId: answered, title: 'En gang til', lang: 'nb', tags: '' });
    expect(texts(again)).toContain('⚠ Svaret er allerede publisert som «Skanne vedlegg fra papirpost». Ingenting er endret.');
    const shown = await card('qa.publish.show', { questionId: answered }, PATTI);
    expect(texts(shown)).toContain('allerede publisert som «Skanne vedlegg fra papirpost»');
    expect(shown.actions?.map((action) => action.verb)).toEqual(['kb.list']);
    expect(await prisma().knowledgeArticle.count()).toBe(count);
  });

  it('an unanswered question, bad input, a caseworker and a group chat are refused in words and nothing is published', async () => {
    const count = await prisma().knowledgeArticle.count();
    const notAnswered = 'Bare spørsmål som har fått et skriftlig svar, kan publiseres i kunnskapsbasen. Ingenting er endret.';
    expect(await invoke('qa.publish.show', { questionId: open })).toBe(notAnswered);
    expect(await invoke('qa.publish.submit', { questionId: open, title: 'Neste versjon', lang: 'nb' })).toBe(notAnswered);

    const refused = await card('qa.publish.submit', { questionId: open, title: ' ', lang: 'nb' });
    expect(texts(refused)).toContain('Tittel: må fylles ut.');
    expect(texts(await card('qa.publish.submit', { questionId: open, title: 'x', lang: 'sv' }))).toContain('Språk: dette kunne jeg ikke bruke.');

    expect(await invoke('qa.publish.show', { questionId: answered }, ALEX)).toBe('Bare arkivet, prosessrådgivere, fagspesialister og administratorer kan vedlikeholde kunnskapsbasen. Ingenting er endret.');
    expect(await invoke('qa.publish.show', { questionId: answered }, ADELE, { conversationType: 'channel', conversationId: '19:sporretime@thread.tacv2' })).toBe(
      'Publiser svar i kunnskapsbasen fra din personlige chat med Arkivlos. Ingenting er endret.',
    );
    expect(await invoke('qa.publish.show', { questionId: 'ikke-en-id' })).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
    expect(await prisma().knowledgeArticle.count()).toBe(count);
    expect((await prisma().qaQuestion.findUniqueOrThrow({ where: { id: open } })).articleId).toBeNull();
  });
});
