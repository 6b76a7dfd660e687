import type { Translate } from '../i18n/index.js';
import type { SupportEventKind } from '../domain/support/vocabulary.js';

export interface EventWordsParams {
  actor: string;
  status: string;
  line: string;
  rating: string | number;
}

/**
 * What one event of a henvendelse says, in the history and in its channel thread. Most kinds
 * have one sentence; an answer to a visit offer says which (`data.accepted`), and a resolution
 * that was published says so (`data.articleId`).
 */
export function eventWords(event: { kind: SupportEventKind; data?: unknown }, params: EventWordsParams, t: Translate): string {
  const data = typeof event.data === 'object' && event.data !== null && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : {};
  if (event.kind === 'visit_answered' && typeof data.accepted === 'boolean') return t(data.accepted ? 'visit.event.accepted' : 'visit.event.declined', { actor: params.actor });
  if (event.kind === 'resolved' && typeof data.articleId === 'string') return t('visit.event.published', { actor: params.actor });
  return t(`support.event.${event.kind}`, { ...params });
}
