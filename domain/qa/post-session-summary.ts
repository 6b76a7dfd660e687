import { qaSummaryCard, SUMMARY_ANSWERS, type QaSummaryCardView } from '../../cards/qa-summary-card.js';
import { translator, type Locale } from '../../i18n/index.js';
import type { DbClient } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import { personLocale } from '../people/person-locale.js';
import type { QaExportFormat } from './export-session.js';
import { sessionSummary } from './session-summary.js';

/**
 * Where the moderator downloads a session's export: a link the bot serves itself
 * (`GET /qa-export/<session>.<format>?…&sig=…`, bot/qa-export-links.ts signs it). A port, so the
 * domain never holds the secret or the host name; null when the bot has no public address.
 */
export interface QaExportLinks {
  exportUrl(sessionId: string, format: QaExportFormat, locale: Locale, expiresAt: Date): string | null;
}

/** How long the moderator's download links work. */
export const EXPORT_LINK_DAYS = 30;

export interface PostSessionSummaryInput {
  sessionId: string;
  /** Whether its unanswered questions went on to a next session. */
  carriedOver: boolean;
  now: Date;
  /** Without them (or without a public address) the moderator's message has no links and says how an administrator exports. */
  exportLinks?: QaExportLinks;
}

/**
 * The end of a session: its summary card in its conversation (bokmål, key `qa-summary:<session>`)
 * and the summary with the download links in the moderator's 1:1 chat, in their language (key
 * `qa-export:<session>`). Call it inside the closing transaction: the keys make a repeat send
 * nothing twice, and the messages commit with the close or not at all.
 */
export async function postSessionSummary(tx: DbClient, input: PostSessionSummaryInput): Promise<void> {
  const summary = await sessionSummary(tx, input.sessionId);
  const { session, counts } = summary;
  const answered = summary.rows.filter((row) => row.status === 'answered');
  const base: Omit<QaSummaryCardView, 'locale'> = {
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    counts,
    carriedOver: input.carriedOver,
    answers: answered.slice(0, SUMMARY_ANSWERS).map((row) => ({ kind: row.kind, text: row.text, votes: row.votes, answer: row.answer ?? '' })),
    moreAnswers: Math.max(0, answered.length - SUMMARY_ANSWERS),
  };
  const cardActivity = (content: unknown) => ({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }] });

  await enqueueMessage(tx, {
    to: { conversationId: session.conversationId },
    activity: cardActivity(qaSummaryCard({ ...base, locale: 'nb' }, translator('nb'))),
    idempotencyKey: `qa-summary:${session.id}`,
  });

  // A moderator who has left the organisation cannot be written to; the channel still gets its card.
  if (!session.moderator.active) return;
  const locale = personLocale(session.moderator);
  const expiresAt = new Date(input.now.getTime() + EXPORT_LINK_DAYS * 24 * 3_600_000);
  const csv = input.exportLinks?.exportUrl(session.id, 'csv', locale, expiresAt) ?? null;
  const markdown = input.exportLinks?.exportUrl(session.id, 'md', locale, expiresAt) ?? null;
  const downloads = csv && markdown ? { csv, markdown, validUntil: expiresAt } : null;
  await enqueueMessage(tx, {
    to: { personId: session.moderator.id },
    activity: cardActivity(qaSummaryCard({ ...base, locale, moderator: { sessionId: session.id, downloads } }, translator(locale))),
    idempotencyKey: `qa-export:${session.id}`,
  });
}
