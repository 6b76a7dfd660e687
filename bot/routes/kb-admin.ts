import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { formValuesOf, kbArticleFormCard } from '../../cards/kb-article-form-card.js';
import { kbArticlesCard, type KbNotice } from '../../cards/kb-articles-card.js';
import { KB_VERBS } from '../../cards/kb-kit.js';
import { qaPublishCard, type QaPublishView } from '../../cards/qa-publish-card.js';
import { AppError, AppErrorCode } from '../../domain/errors.js';
import { commandWithArgumentsPattern, commandWord, COMMANDS, mayUseCommand } from '../../domain/help/commands.js';
import { parseArticleForm, parsePublishForm, type ArticleFormValues, type ArticleProblem } from '../../domain/knowledge/article-form.js';
import { editorUnit, findArticle, type ArticleEditor } from '../../domain/knowledge/article-rows.js';
import { createArticle } from '../../domain/knowledge/create-article.js';
import { editArticle } from '../../domain/knowledge/edit-article.js';
import { listManagedArticles, MANAGED_QUERY_LENGTH } from '../../domain/knowledge/list-managed-articles.js';
import { findQuestionToPublish, publishQaAnswer, PUBLISH_DEFAULT_LANG, titleFromQuestion } from '../../domain/knowledge/publish-qa-answer.js';
import { retireArticle } from '../../domain/knowledge/retire-article.js';
import { listSubjectAreas } from '../../domain/support/list-subject-areas.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';

/** Card data is untrusted: ids and a version of the right form; the domain checks whose they are. */
const ZList = z.object({ query: z.string().max(MANAGED_QUERY_LENGTH * 4).optional() });
const ZArticle = z.object({ articleId: z.string().uuid() });
const ZVersioned = z.object({ articleId: z.string().uuid(), version: z.coerce.number().int().positive() });
const ZQuestion = z.object({ questionId: z.string().uuid() });

/**
 * The knowledge base's management for support staff in the 1:1 chat (`artikler`, nn `artiklar`,
 * en `articles`, optionally with words to search for), its form and «Trekk tilbake» /
 * «Gjenopprett», and «Publiser i kunnskapsbasen» for an answered question (`qa.publish.show` from
 * the moderation card, `qa.publish.submit`). Who may: the roles of the `artikler` row.
 */
export function registerKbAdmin(app: Application, deps: BotDeps): void {
  const pattern = commandWithArgumentsPattern(COMMANDS.artikler);
  app.message(pattern, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return void (await context.sendActivity(refused));
    const query = pattern.exec(context.activity.text ?? '')?.[1]?.trim();
    const answer = await listCard(caller, deps, { query });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(answer)] });
  });

  app.adaptiveCards.actionExecute(KB_VERBS.list, async (context, _state, data) =>
    withEditor(context, deps, data, ZList, (caller, input) => listCard(caller, deps, { query: input.query })),
  );

  app.adaptiveCards.actionExecute(KB_VERBS.new, async (context, _state, data) =>
    withEditor(context, deps, data, z.object({}), async (caller, _input, editor) =>
      formCard(caller, deps, editor, { article: null, values: { lang: caller.locale }, problems: [] }),
    ),
  );

  app.adaptiveCards.actionExecute(KB_VERBS.create, async (context, _state, data) =>
    withEditor(context, deps, data, z.object({}), async (caller, _input, editor) => {
      const parsed = parseArticleForm(data);
      if (!parsed.ok) return formCard(caller, deps, editor, { article: null, values: parsed.values, problems: parsed.problems });
      await createArticle(deps.prisma, { editor, draft: parsed.value, now: deps.now() });
      return listCard(caller, deps, { notice: { kind: 'created', title: parsed.value.title } });
    }),
  );

  app.adaptiveCards.actionExecute(KB_VERBS.edit, async (context, _state, data) =>
    withEditor(context, deps, data, ZArticle, async (caller, { articleId }, editor) => {
      const article = await findArticle(deps.prisma, articleId);
      if (!article) throw new AppError(AppErrorCode.NOT_FOUND);
      const unit = await editorUnit(deps.prisma, editor);
      if (article.owningUnitId !== unit.id) throw new AppError(AppErrorCode.KB_OTHER_UNIT);
      return formCard(caller, deps, editor, { article: { id: article.id, version: article.version }, values: formValuesOf(article), problems: [] });
    }),
  );

  app.adaptiveCards.actionExecute(KB_VERBS.save, async (context, _state, data) =>
    withEditor(context, deps, data, ZVersioned, async (caller, { articleId, version }, editor) => {
      const parsed = parseArticleForm(data);
      if (!parsed.ok) return formCard(caller, deps, editor, { article: { id: articleId, version }, values: parsed.values, problems: parsed.problems });
      const { changed } = await editArticle(deps.prisma, { editor, articleId, version, draft: parsed.value, now: deps.now() });
      return listCard(caller, deps, { notice: { kind: changed.length ? 'saved' : 'unchanged', title: parsed.value.title } });
    }),
  );

  for (const retire of [true, false]) {
    app.adaptiveCards.actionExecute(retire ? KB_VERBS.retire : KB_VERBS.restore, async (context, _state, data) =>
      withEditor(context, deps, data, ZVersioned, async (caller, { articleId, version }, editor) => {
        const { changed } = await retireArticle(deps.prisma, { editor, articleId, version, retire, now: deps.now() });
        const title = (await findArticle(deps.prisma, articleId))?.title ?? '';
        const kind = retire ? (changed ? 'retired' : 'alreadyRetired') : changed ? 'restored' : 'alreadyRestored';
        return listCard(caller, deps, { notice: { kind, title } });
      }),
    );
  }

  app.adaptiveCards.actionExecute(KB_VERBS.publishShow, async (context, _state, data) =>
    withEditor(context, deps, data, ZQuestion, async (caller, { questionId }, editor) => {
      const question = await findQuestionToPublish(deps.prisma, questionId);
      const unit = await editorUnit(deps.prisma, editor);
      if (question.article) {
        const { id, title, unitId } = question.article;
        return publishCard(caller, deps, { questionId, question: question.text, answer: '', unit: unit.name, values: {}, problems: [], published: { kind: 'alreadyPublished', articleId: id, title, own: unitId === unit.id } });
      }
      if (question.status !== 'answered' || !question.answer?.trim()) throw new AppError(AppErrorCode.KB_NOT_ANSWERED);
      const values = { title: titleFromQuestion(question.text), lang: PUBLISH_DEFAULT_LANG };
      return publishCard(caller, deps, { questionId, question: question.text, answer: question.answer, unit: unit.name, values, problems: [] });
    }),
  );

  app.adaptiveCards.actionExecute(KB_VERBS.publishSubmit, async (context, _state, data) =>
    withEditor(context, deps, data, ZQuestion, async (caller, { questionId }, editor) => {
      const parsed = parsePublishForm(data);
      if (!parsed.ok) {
        const question = await findQuestionToPublish(deps.prisma, questionId);
        const unit = await editorUnit(deps.prisma, editor);
        return publishCard(caller, deps, { questionId, question: question.text, answer: question.answer ?? '', unit: unit.name, values: parsed.values, problems: parsed.problems });
      }
      const result = await publishQaAnswer(deps.prisma, { editor, questionId, fields: parsed.value, now: deps.now() });
      const published = result.kind === 'published' ? { ...result, own: true } : result;
      return publishCard(caller, deps, { questionId, question: '', answer: '', unit: '', values: {}, problems: [], published });
    }),
  );
}

/**
 * A card action for support staff in their 1:1 chat: the refusal as a sentence, else the card
 * data checked with `schema` (a broken or forged card: «Dette kunne jeg ikke bruke»).
 */
async function withEditor<T extends z.ZodTypeAny>(
  context: TurnContext,
  deps: BotDeps,
  data: unknown,
  schema: T,
  act: (caller: Caller, input: z.infer<T>, editor: ArticleEditor) => Promise<AdaptiveCard | string>,
): Promise<AdaptiveCard | string> {
  const caller = await loadCaller(context, deps.prisma);
  const refused = refusal(context, caller);
  if (refused) return refused;
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) return caller.t('error.invalidData');
  return act(caller, parsed.data, { personId: caller.person!.id, aadObjectId: caller.person!.aadObjectId });
}

/** Only in the 1:1 chat (the card names units and counts), only for the roles of `artikler`. */
function refusal(context: TurnContext, caller: Caller): string | undefined {
  const command = commandWord('artikler', caller.locale);
  if (commandScopeOf(context) !== 'personal') {
    return context.activity.type === 'invoke' && (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb?.startsWith('qa.publish.')
      ? caller.t('kb.publish.personalOnly')
      : caller.t('kb.personalOnly', { command });
  }
  if (!caller.person) return caller.t('error.unknownPerson');
  const roles = caller.person.roles.map((holding) => holding.role);
  if (!mayUseCommand(COMMANDS.artikler, roles)) return caller.t('kb.onlySupport');
  return undefined;
}

async function listCard(caller: Caller, deps: BotDeps, { query, notice }: { query?: string; notice?: KbNotice }): Promise<AdaptiveCard> {
  const editor = { personId: caller.person!.id, aadObjectId: caller.person!.aadObjectId };
  const list = await listManagedArticles(deps.prisma, { editor, query });
  return kbArticlesCard({ unit: list.unit.name, query: list.query, articles: list.articles, total: list.total, ...(notice ? { notice } : {}) }, caller.t);
}

async function formCard(
  caller: Caller,
  deps: BotDeps,
  editor: ArticleEditor,
  view: { article: { id: string; version: number } | null; values: ArticleFormValues; problems: ArticleProblem[] },
): Promise<AdaptiveCard> {
  const unit = await editorUnit(deps.prisma, editor);
  return kbArticleFormCard({ ...view, unit: unit.name, subjectAreas: await listSubjectAreas(deps.prisma) }, caller.t);
}

async function publishCard(caller: Caller, deps: BotDeps, view: Omit<QaPublishView, 'subjectAreas'>): Promise<AdaptiveCard> {
  const subjectAreas = view.published ? [] : await listSubjectAreas(deps.prisma);
  return qaPublishCard({ ...view, subjectAreas }, caller.t);
}
