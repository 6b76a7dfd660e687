import { shortTitle } from '../../cards/support-kit.js';
import type { Translate } from '../../i18n/index.js';
import { writeAudit } from '../audit.js';
import { type DbClient, sql } from '../db.js';
import { IMPORT_LOCK_KEY } from '../knowledge/import-articles.js';
import { refreshKnowledgeWords } from '../knowledge/refresh-knowledge-words.js';
import { CHANNEL_LOCALE } from './channel-card.js';

export interface PublishResolutionOptions {
  requestId: string;
  actor: { id: string; aadObjectId: string };
  /** The resolution, already checked: the article's body. */
  resolution: string;
  /** The channel's translator: the article is in the channel's language, its tag the category's word. */
  t: Translate;
  systemName: string;
  now: Date;
}

/** The longest slug part made of the title; the henvendelse's number after it keeps the slug unique. */
const SLUG_TITLE_LENGTH = 60;

/**
 * «Publiser i kunnskapsbasen» on «Løs»: the resolution becomes a knowledge-base article in the
 * transaction of the resolution, so self-help finds it from then on. Title from «Hva skal
 * utføres?», the henvendelse's subject area, its category as the tag, the channel's language,
 * owned by the actor's unit. Takes the knowledge base's write lock (the vocabulary of
 * misspellings is rebuilt in the same transaction, as an import does).
 */
export async function publishResolution(tx: DbClient, options: PublishResolutionOptions): Promise<{ articleId: string; slug: string }> {
  const request = await tx.supportRequest.findUniqueOrThrow({ where: { id: options.requestId }, select: { number: true, what: true, category: true, subjectAreaId: true } });
  const actor = await tx.person.findUniqueOrThrow({ where: { id: options.actor.id }, select: { unitId: true } });
  const title = shortTitle(request.what);
  const fields = {
    slug: articleSlug(title, request.number),
    lang: CHANNEL_LOCALE,
    title,
    body: options.resolution,
    subjectAreaId: request.subjectAreaId,
    owningUnitId: actor.unitId,
    tags: [options.t(`support.category.${request.category}`, { system: options.systemName }).toLocaleLowerCase('nb')],
    source: 'henvendelse' as const,
    createdById: options.actor.id,
  };
  await sql(tx).run`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
  const { id } = await tx.knowledgeArticle.create({ data: { ...fields, createdAt: options.now, updatedAt: options.now }, select: { id: true } });
  await writeAudit(tx, {
    actor: options.actor.aadObjectId,
    action: 'knowledge.article.created',
    entity: 'knowledge_article',
    entityId: id,
    before: null,
    after: { id, ...fields, requestId: options.requestId },
  });
  await refreshKnowledgeWords(tx);
  return { articleId: id, slug: fields.slug };
}

/** `flytte-journalpost-til-sak-bs-2026-00042`: the title's words in a–z and digits, then the number. */
export function articleSlug(title: string, number: string): string {
  const words = title
    .toLocaleLowerCase('nb')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a word where the title is long; a title of no letters or digits leaves only the number.
  const lastDash = words.lastIndexOf('-', SLUG_TITLE_LENGTH);
  const cut = words.length <= SLUG_TITLE_LENGTH ? words : words.slice(0, lastDash > 0 ? lastDash : SLUG_TITLE_LENGTH).replace(/-+$/, '');
  return [cut, number.toLowerCase()].filter(Boolean).join('-');
}
