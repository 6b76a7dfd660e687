import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionExecuteActivity, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { ALEX, actionWithVerb, cardLines, cardOf, type Card } from '../support/support-desk.js';

/**
 * A question self-help answers, in each language, on the starter knowledge base the demo data
 * ships: the person writes in the 1:1 chat, reads the article in their own language, says «Dette
 * løste det», and the question is counted as solved (deflected) and never becomes a henvendelse.
 */
const CASES = [
  { locale: 'nb', question: 'Hvordan avskriver jeg en journalpost?', title: 'Slik avskriver du en journalpost', solved: '✔ Så bra at det løste seg! Takk for at du sa fra.' },
  { locale: 'nn', question: 'Korleis avskriv eg ein journalpost?', title: 'Slik avskriv du ein journalpost', solved: '✔ Så bra at det løyste seg! Takk for at du sa frå.' },
  { locale: 'en', question: 'How do I write off a registry entry?', title: 'How to write off a registry entry (avskrivning)', solved: '✔ Glad that solved it! Thank you for letting us know.' },
] as const;

describe('self-help answers a question in each language, and the deflection is counted (/api/messages)', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;
  const deflected = async () => {
    const text = await (await fetch(`${bot.arkivlos.url}/metrics`)).text();
    return Number(/^arkivlos_self_help_total\{outcome="solved"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it.each(CASES)('in $locale: the article in that language answers, «Dette løste det» counts it solved, and no henvendelse is made', async ({ locale, question, title, solved }) => {
    await prisma().person.update({ where: { aadObjectId: ALEX.aadObjectId }, data: { chosenLocale: locale } });
    const before = await deflected();
    bot.connector.clear();
    await bot.post(messageActivity(question, { serviceUrl: bot.connector.url, user: ALEX }));
    const [sent] = await bot.connector.waitFor((activity) => Boolean(activity.body.attachments?.length));
    const card = cardOf(sent!);
    expect(cardLines(card)).toContain(title);

    const read = actionWithVerb(card, 'selfHelp.read');
    const article = await prisma().knowledgeArticle.findUniqueOrThrow({ where: { id: read.data!.articleId as string } });
    expect(article.lang).toBe(locale);
    const invoke = async (verb: string, data: Record<string, unknown>) => {
      const response = await bot.post(actionExecuteActivity(verb, data, { serviceUrl: bot.connector.url, user: ALEX }));
      expect(response.status).toBe(200);
      return (response.body as { value: Card }).value;
    };
    await invoke('selfHelp.read', read.data!);
    const answer = await invoke('selfHelp.solved', actionWithVerb(card, 'selfHelp.solved').data!);
    expect(cardLines(answer)).toContain(solved);

    const query = await prisma().selfHelpQuery.findFirstOrThrow({ where: { aadObjectId: ALEX.aadObjectId }, orderBy: { createdAt: 'desc' } });
    expect(query).toMatchObject({ question, lang: locale, outcome: 'solved', openedArticleId: article.id });
    expect((await prisma().knowledgeArticle.findUniqueOrThrow({ where: { id: article.id } })).helpedCount).toBe(article.helpedCount + 1);
    expect(await deflected()).toBe(before + 1);
    expect(await prisma().supportRequest.count()).toBe(0);
  });
});
