import { qaAllQuestionsCard, qaSessionCard, type QaKnownErrorLine, type QaSessionCardView, type QaSinceLast } from '../../cards/qa-session-card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { currentRollout } from '../rollout/current-rollout.js';
import { sql, type DbClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import type { OutboxActivity } from '../delivery/messenger.js';
import { channelTranslator } from '../support/channel-card.js';
import { DEFAULT_TOP, sessionView } from './session-view.js';

/** «Vis alle» reads at most this many questions; the card shows as many as fit and counts the rest. */
export const ALL_QUESTIONS_READ = 500;
/** How many answers since the previous day an opening card lists. */
const SINCE_LAST_ANSWERS = 5;

export const sessionCardActivity = (content: AdaptiveCard): OutboxActivity => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
});

interface Extras {
  pairRole: 'opening' | 'closing' | null;
  sinceLast: (QaSinceLast & { since: Date }) | null;
  knownErrors: QaKnownErrorLine[];
}

/**
 * The session as its card shows it: the view (the anonymous asker left out by its query), and
 * for an opening session of a pair what was answered or fixed since the previous day's opening,
 * for a closing one the known errors its reports (and those carried into it) are linked to.
 */
export async function loadSessionCardView(db: DbClient, sessionId: string, options: { all?: boolean } = {}): Promise<QaSessionCardView> {
  const session = await sessionView(db, sessionId, { top: options.all ? ALL_QUESTIONS_READ : DEFAULT_TOP });
  if (session.pairRole === null) return { session };
  // One statement for the extras: the previous opening in the conversation, what was answered and fixed since, the known errors of this session.
  const [extras] = await sql(db).rows<Extras>`
    WITH me AS (SELECT id, conversation_id, starts_at, pair_role FROM qa_session WHERE id = ${sessionId}::uuid),
    since AS (
      SELECT s.starts_at FROM qa_session s, me
      WHERE s.conversation_id = me.conversation_id AND s.pair_role = 'opening' AND s.starts_at < me.starts_at
      ORDER BY s.starts_at DESC LIMIT 1),
    answered AS (
      SELECT q.text, q.answer, q.answered_at FROM qa_question q JOIN qa_session s ON s.id = q.session_id, me, since
      WHERE s.conversation_id = me.conversation_id AND q.status = 'answered' AND q.answered_at >= since.starts_at),
    fixed AS (
      SELECT DISTINCT k.id, k.title FROM known_error k JOIN known_error_link l ON l.known_error_id = k.id
      JOIN qa_question q ON q.id = l.question_id JOIN qa_session s ON s.id = q.session_id, me, since
      WHERE s.conversation_id = me.conversation_id AND k.status = 'rettet' AND k.updated_at >= since.starts_at),
    errors AS (
      SELECT DISTINCT k.id, k.title, k.status FROM known_error k JOIN known_error_link l ON l.known_error_id = k.id
      JOIN qa_question q ON q.id = l.question_id
      WHERE q.session_id = ${sessionId}::uuid
         OR q.id IN (SELECT carried_from_id FROM qa_question WHERE session_id = ${sessionId}::uuid AND carried_from_id IS NOT NULL))
    SELECT me.pair_role::text AS "pairRole",
      CASE WHEN me.pair_role = 'opening' AND EXISTS (SELECT 1 FROM since) THEN json_build_object(
        'since', (SELECT starts_at FROM since),
        'answered', coalesce((SELECT json_agg(json_build_object('text', a.text, 'answer', a.answer) ORDER BY a.answered_at DESC)
          FROM (SELECT * FROM answered ORDER BY answered_at DESC LIMIT ${SINCE_LAST_ANSWERS}::int) a), '[]'::json),
        'moreAnswered', greatest(0, (SELECT count(*) FROM answered) - ${SINCE_LAST_ANSWERS}::int),
        'fixed', coalesce((SELECT json_agg(json_build_object('title', f.title) ORDER BY f.title) FROM fixed f), '[]'::json))
      END AS "sinceLast",
      coalesce((SELECT json_agg(json_build_object('title', e.title, 'status', e.status) ORDER BY e.title) FROM (SELECT * FROM errors LIMIT 10) e), '[]'::json) AS "knownErrors"
    FROM me`;
  const view: QaSessionCardView = { session };
  if (extras?.sinceLast) {
    const { answered, moreAnswered, fixed } = extras.sinceLast;
    view.sinceLast = { answered, moreAnswered: Number(moreAnswered), fixed };
  }
  if (session.pairRole === 'closing') view.knownErrors = extras?.knownErrors ?? [];
  // The opening session tells how the rollout goes: the administrator's text for the session's day.
  if (session.pairRole === 'opening') {
    const rollout = await currentRollout(db, session.startsAt);
    if (rollout?.text) view.rolloutText = rollout.text;
  }
  return view;
}

/** The session card as it is now, in bokmål (everyone in the conversation reads the same card). */
export async function sessionCardNow(db: DbClient, sessionId: string, notice?: QaSessionCardView['notice']): Promise<AdaptiveCard> {
  const view = await loadSessionCardView(db, sessionId);
  return qaSessionCard({ ...view, ...(notice && { notice }) }, channelTranslator());
}

/** «Vis alle»: every question, as many as fit, in bokmål. */
export async function allQuestionsCardNow(db: DbClient, sessionId: string): Promise<AdaptiveCard> {
  return qaAllQuestionsCard(await loadSessionCardView(db, sessionId, { all: true }), channelTranslator());
}

/**
 * Posts the session card in its conversation through the outbox, once (a second call, or a run
 * taken over from another instance, finds `card_message_id` set and changes nothing), and keeps
 * the outbox message on the session so every later change updates that card. Call it in a
 * transaction that holds the session's row.
 */
export async function postSessionCard(tx: DbClient, sessionId: string): Promise<bigint | null> {
  const [session] = await sql(tx).rows<{ conversationId: string; cardMessageId: bigint | null }>`
    SELECT conversation_id AS "conversationId", card_message_id AS "cardMessageId" FROM qa_session WHERE id = ${sessionId}::uuid FOR UPDATE`;
  if (!session || session.cardMessageId !== null) return null;
  const posted = await enqueueMessage(tx, {
    to: { conversationId: session.conversationId },
    activity: sessionCardActivity(await sessionCardNow(tx, sessionId)),
    idempotencyKey: `qa:session:${sessionId}:card`,
  });
  await sql(tx).run`UPDATE qa_session SET card_message_id = ${posted.id}::bigint WHERE id = ${sessionId}::uuid`;
  return posted.id;
}

/**
 * Keeps the posted session card current: after any change of the session or its questions (call
 * it inside the change's transaction), the card as it is now replaces the posted one for everyone
 * through the outbox (`update` of the card's outbox message). Nothing before the card is posted.
 *
 * Many changes at once (a busy vote) make one update, not one each: the changes of a session
 * take turns here (a transaction-level advisory lock), each draws the card with everything
 * committed before it, and an update still waiting in the outbox is given the newer card instead
 * of a second update being queued. So the last update sent shows the last change, and Teams'
 * per-conversation limit is not spent on cards nobody would see.
 */
export async function enqueueSessionCardUpdate(tx: DbClient, sessionId: string): Promise<void> {
  await sql(tx).run`SELECT pg_advisory_xact_lock(hashtextextended(${`qa-session-card:${sessionId}`}::text, 0))`;
  const [session] = await sql(tx).rows<{ cardMessageId: bigint | null }>`
    SELECT card_message_id AS "cardMessageId" FROM qa_session WHERE id = ${sessionId}::uuid`;
  if (!session?.cardMessageId) return;
  const activity = sessionCardActivity(await sessionCardNow(tx, sessionId));
  const replaced = await sql(tx).rows<{ id: bigint }>`
    UPDATE outbox_message SET activity = ${JSON.stringify(activity)}::jsonb, updated_at = now()
    WHERE target_message_id = ${session.cardMessageId}::bigint AND kind = 'update' AND state = 'waiting'
    RETURNING id`;
  if (replaced.length > 0) return;
  await enqueueMessage(tx, { kind: 'update', targetMessageId: session.cardMessageId, activity });
}

/**
 * The session a card action names (by the session or one of its questions), if it runs in the
 * conversation the click came from; else NOT_FOUND, the same as an id that does not exist: card
 * data is untrusted, and a session of another conversation is not this card's to act on.
 */
export async function sessionInConversation(db: DbClient, input: ({ sessionId: string } | { questionId: string }) & { conversationId: string }): Promise<string> {
  const rows =
    'sessionId' in input
      ? await sql(db).rows<{ id: string }>`SELECT id::text AS id FROM qa_session WHERE id = ${input.sessionId}::uuid AND conversation_id = ${input.conversationId}`
      : await sql(db).rows<{ id: string }>`
          SELECT s.id::text AS id FROM qa_question q JOIN qa_session s ON s.id = q.session_id
          WHERE q.id = ${input.questionId}::uuid AND s.conversation_id = ${input.conversationId}`;
  if (!rows[0]) throw new AppError(AppErrorCode.NOT_FOUND, { message: `no such qa_session in conversation ${input.conversationId}` });
  return rows[0].id;
}
