import { writeAudit } from '../audit.js';
import { channelConversationId } from '../conversations/channel-conversation-id.js';
import { type DbClient, type PrismaClient, sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { COMMANDS, mayUseCommand } from '../help/commands.js';
import type { RoleKey } from '../people/roles.js';
import type { SupportLine } from '../../prisma/generated/enums.js';
import { LINE_ARGUMENT, type QueueLine } from './queue-command.js';

/**
 * Queue channels: a Teams channel bound to a support line, where that line's henvendelse cards
 * appear. One channel per queue (a line; for the process advisers a unit, for the specialists a
 * subject area) and one queue per channel: binding a queue to a channel moves it there from the
 * channel it had, and a channel that served another queue stops serving it.
 */
export interface QueueScope {
  line: QueueLine;
  /** The process advisers' unit (prosessradgiver only). */
  unitId?: string | null;
  /** The specialists' subject area (fagspesialist only). */
  subjectAreaId?: string | null;
}

export interface QueueChannelView {
  id: string;
  line: QueueLine;
  unit: { id: string; code: string; name: string } | null;
  subjectArea: { id: string; code: string; name: string } | null;
  /** The channel's own conversation id (no `;messageid=`): where the outbox posts the cards. */
  conversationId: string;
  teamId: string | null;
  channelId: string | null;
  channelName: string | null;
  boundBy: { id: string; name: string };
  boundAt: Date;
}

/** The channel as Teams describes it in the activity (channelData), all but the id optional. */
export interface ChannelInfo {
  conversationId: string;
  teamId?: string | null;
  channelId?: string | null;
  channelName?: string | null;
}

/** Who acts: the person, by id, with their roles (from the caller's identity, never from card data). */
export interface QueueActor {
  personId: string;
  aadObjectId: string;
  roles: readonly RoleKey[];
}

const SCALARS = {
  id: true,
  line: true,
  unitId: true,
  subjectAreaId: true,
  conversationId: true,
  teamId: true,
  channelId: true,
  channelName: true,
  createdAt: true,
  boundById: true,
} as const;

const SELECT = {
  ...SCALARS,
  unit: { select: { id: true, code: true, name: true } },
  subjectArea: { select: { id: true, code: true, name: true } },
  boundBy: { select: { id: true, name: true } },
} as const;

type Row = {
  id: string;
  line: SupportLine;
  unitId: string | null;
  subjectAreaId: string | null;
  conversationId: string;
  teamId: string | null;
  channelId: string | null;
  channelName: string | null;
  createdAt: Date;
  boundById: string;
};
type RowWithNames = Row & {
  unit: { id: string; code: string; name: string } | null;
  subjectArea: { id: string; code: string; name: string } | null;
  boundBy: { id: string; name: string };
};

const toView = (row: RowWithNames): QueueChannelView => ({
  id: row.id,
  line: row.line as QueueLine,
  unit: row.unit,
  subjectArea: row.subjectArea,
  conversationId: row.conversationId,
  teamId: row.teamId,
  channelId: row.channelId,
  channelName: row.channelName,
  boundBy: row.boundBy,
  boundAt: row.createdAt,
});

/**
 * Rows read in a transaction, with the names of their unit, subject area and binder. Read after
 * it: a relation select in a transaction sends its queries at once on the transaction's one
 * connection, which pg deprecates.
 */
async function withNames(db: DbClient, rows: Row[]): Promise<RowWithNames[]> {
  const ids = (pick: (row: Row) => string | null) => [...new Set(rows.map(pick).filter((id): id is string => id !== null))];
  const [units, subjectAreas, people] = [
    await db.unit.findMany({ where: { id: { in: ids((row) => row.unitId) } }, select: { id: true, code: true, name: true } }),
    await db.subjectArea.findMany({ where: { id: { in: ids((row) => row.subjectAreaId) } }, select: { id: true, code: true, name: true } }),
    await db.person.findMany({ where: { id: { in: ids((row) => row.boundById) } }, select: { id: true, name: true } }),
  ];
  return rows.map((row) => ({
    ...row,
    unit: units.find((unit) => unit.id === row.unitId) ?? null,
    subjectArea: subjectAreas.find((area) => area.id === row.subjectAreaId) ?? null,
    boundBy: people.find((person) => person.id === row.boundById)!,
  }));
}

/** Ids only: what the audit log keeps of a binding. */
const auditOf = (row: Row) => ({
  line: row.line,
  unitId: row.unitId,
  subjectAreaId: row.subjectAreaId,
  conversationId: row.conversationId,
  teamId: row.teamId,
  channelId: row.channelId,
});

/** The scope as stored: a unit only for the process advisers, a subject area only for the specialists. */
function normalise(scope: QueueScope): { line: QueueLine; unitId: string | null; subjectAreaId: string | null } {
  const argument = LINE_ARGUMENT[scope.line];
  const unitId = argument === 'unit' ? (scope.unitId ?? null) : null;
  const subjectAreaId = argument === 'subjectArea' ? (scope.subjectAreaId ?? null) : null;
  if ((argument === 'unit' && !unitId) || (argument === 'subjectArea' && !subjectAreaId)) {
    throw new AppError(AppErrorCode.INVALID_INPUT, { message: `the ${scope.line} queue needs a ${argument}` });
  }
  if ((argument !== 'unit' && scope.unitId) || (argument !== 'subjectArea' && scope.subjectAreaId)) {
    throw new AppError(AppErrorCode.INVALID_INPUT, { message: `the ${scope.line} queue has no unit or subject area` });
  }
  return { line: scope.line, unitId, subjectAreaId };
}

function assertMayManage(actor: QueueActor): void {
  if (!mayUseCommand(COMMANDS.kobleKo, actor.roles)) {
    throw new AppError(AppErrorCode.FORBIDDEN, { message: 'only the archive and administrators bind queue channels' });
  }
}

// Binding is rare and touches two rows at most; one at a time keeps "one channel per queue, one
// queue per channel" simple to reason about (the unique indexes hold it in any case).
const QUEUE_LOCK = 'arkivlos:queue_channel';

export interface BindResult {
  channel: QueueChannelView;
  /** `already`: the channel was this queue's before, and nothing changed. */
  outcome: 'bound' | 'already';
  /** The channel this queue had until now (it moved here). */
  movedFrom: QueueChannelView | null;
  /** The queue this channel served until now (it has no channel now). */
  replaced: QueueChannelView | null;
}

/**
 * Makes the channel the queue for `scope`. The channel's conversation reference must be stored
 * (the bot stores it on every message it gets, before any route runs).
 */
export async function bindQueueChannel(
  prisma: PrismaClient,
  input: { scope: QueueScope; channel: ChannelInfo; actor: QueueActor },
): Promise<BindResult> {
  assertMayManage(input.actor);
  const scope = normalise(input.scope);
  const conversationId = channelConversationId(input.channel.conversationId);
  const { outcome, channel, movedFrom, replaced } = await prisma.$transaction(async (tx) => {
    await sql(tx).run`SELECT pg_advisory_xact_lock(hashtext(${QUEUE_LOCK}))`;
    const here = await tx.queueChannel.findUnique({ where: { conversationId }, select: SCALARS });
    // The unique index keeps a queue in one channel: when this channel has it, no other has.
    if (here && sameScope(here, scope)) return { outcome: 'already' as const, channel: here, movedFrom: null, replaced: null };
    const elsewhere = await tx.queueChannel.findFirst({ where: { ...scope, NOT: { conversationId } }, select: SCALARS });
    for (const [old, action] of [
      [elsewhere, 'queue.unbind.moved'],
      [here, 'queue.unbind.replaced'],
    ] as const) {
      if (!old) continue;
      await tx.queueChannel.delete({ where: { id: old.id } });
      await writeAudit(tx, { actor: input.actor.aadObjectId, action, entity: 'queue_channel', entityId: old.id, before: auditOf(old), after: null });
    }
    const created = await tx.queueChannel.create({
      data: {
        ...scope,
        conversationId,
        teamId: input.channel.teamId ?? null,
        channelId: input.channel.channelId ?? null,
        channelName: input.channel.channelName ?? null,
        boundById: input.actor.personId,
      },
      select: SCALARS,
    });
    await writeAudit(tx, { actor: input.actor.aadObjectId, action: 'queue.bind', entity: 'queue_channel', entityId: created.id, after: auditOf(created) });
    return { outcome: 'bound' as const, channel: created, movedFrom: elsewhere, replaced: here };
  });
  const named = await withNames(prisma, [channel, movedFrom, replaced].filter((row) => row !== null));
  const view = (row: Row | null) => (row ? toView(named.find((candidate) => candidate.id === row.id)!) : null);
  return { channel: view(channel)!, outcome, movedFrom: view(movedFrom), replaced: view(replaced) };
}

const sameScope = (row: Row, scope: { line: SupportLine; unitId: string | null; subjectAreaId: string | null }) =>
  row.line === scope.line && row.unitId === scope.unitId && row.subjectAreaId === scope.subjectAreaId;

/** The channel stops being a queue. Null when it was none (nothing changes). */
export async function unbindQueueChannel(prisma: PrismaClient, input: { conversationId: string; actor: QueueActor }): Promise<QueueChannelView | null> {
  assertMayManage(input.actor);
  const conversationId = channelConversationId(input.conversationId);
  const removed = await prisma.$transaction(async (tx) => {
    await sql(tx).run`SELECT pg_advisory_xact_lock(hashtext(${QUEUE_LOCK}))`;
    const here = await tx.queueChannel.findUnique({ where: { conversationId }, select: SCALARS });
    if (!here) return null;
    await tx.queueChannel.delete({ where: { id: here.id } });
    await writeAudit(tx, { actor: input.actor.aadObjectId, action: 'queue.unbind', entity: 'queue_channel', entityId: here.id, before: auditOf(here), after: null });
    return here;
  });
  return removed ? toView((await withNames(prisma, [removed]))[0]!) : null;
}

/** The queue this channel serves, if any (a message's thread id is fine: the channel is what counts). */
export async function queueOfChannel(db: DbClient, conversationId: string): Promise<QueueChannelView | null> {
  const row = await db.queueChannel.findUnique({ where: { conversationId: channelConversationId(conversationId) }, select: SELECT });
  return row ? toView(row) : null;
}

export interface FoundQueueChannel {
  channel: QueueChannelView;
  /** True when the queue has no channel of its own and its cards go to the first line's channel. */
  fallback: boolean;
}

/**
 * Where a henvendelse in this queue is shown. The rule:
 * - a queue with a channel of its own is shown there;
 * - the process advisers of a unit and the specialists of a subject area without a channel of
 *   their own fall back to the first line's channel: the archive is first contact and sees what
 *   it handed on (a process adviser is part of the first line);
 * - the first line, the vendor liaisons and the system administrators without a channel have
 *   none (null): their henvendelser are then in no channel.
 */
export async function findQueueChannel(db: DbClient, scope: QueueScope): Promise<FoundQueueChannel | null> {
  const { line, unitId, subjectAreaId } = normalise(scope);
  const own = await db.queueChannel.findFirst({ where: { line, unitId, subjectAreaId }, select: SELECT });
  if (own) return { channel: toView(own), fallback: false };
  if (line !== 'prosessradgiver' && line !== 'fagspesialist') return null;
  const firstLine = await db.queueChannel.findFirst({ where: { line: 'forstelinje' }, select: SELECT });
  return firstLine ? { channel: toView(firstLine), fallback: true } : null;
}

/**
 * findQueueChannel's rule, for the channel's conversation id only, in one statement: every build
 * of a henvendelse's channel card asks it.
 */
export async function queueConversationOf(db: DbClient, scope: QueueScope): Promise<string | null> {
  const { line, unitId, subjectAreaId } = normalise(scope);
  const fallback = line === 'prosessradgiver' || line === 'fagspesialist';
  const rows = await sql(db).rows<{ conversationId: string }>`
    SELECT conversation_id AS "conversationId" FROM queue_channel
    WHERE (line = ${line}::"SupportLine" AND unit_id IS NOT DISTINCT FROM ${unitId ?? null}::uuid AND subject_area_id IS NOT DISTINCT FROM ${subjectAreaId ?? null}::uuid)
       OR (${fallback} AND line = 'forstelinje')
    ORDER BY (line = ${line}::"SupportLine") DESC
    LIMIT 1`;
  return rows[0]?.conversationId ?? null;
}

export interface Choice {
  code: string;
  name: string;
}

export type ResolvedQueueScope =
  | { ok: true; scope: QueueScope; name: string | null }
  | { ok: false; problem: 'needsUnit' | 'unknownUnit' | 'ambiguousUnit' | 'needsSubjectArea' | 'unknownSubjectArea' | 'ambiguousSubjectArea' | 'noScope'; choices: Choice[] };

/**
 * The unit or subject area a person typed after the line, by code or name, in any letter case:
 * an exact code or name first, else the one whose name contains what was typed. Nothing found
 * or several found: the problem, with the choices to show (every one there is, or the ones that fit).
 */
export async function resolveQueueScope(db: DbClient, input: { line: QueueLine; argument: string }): Promise<ResolvedQueueScope> {
  const kind = LINE_ARGUMENT[input.line];
  const typed = input.argument.trim();
  if (!kind) return typed ? { ok: false, problem: 'noScope', choices: [] } : { ok: true, scope: { line: input.line }, name: null };
  const rows =
    kind === 'unit'
      ? await db.unit.findMany({ where: { active: true }, select: { id: true, code: true, name: true } })
      : await db.subjectArea.findMany({ where: { active: true }, select: { id: true, code: true, name: true } });
  const all = rows.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const suffix = kind === 'unit' ? 'Unit' : 'SubjectArea';
  const choice = ({ code, name }: Choice) => ({ code, name });
  if (!typed) return { ok: false, problem: `needs${suffix}`, choices: all.map(choice) };

  const key = typed.toLocaleLowerCase('nb');
  const exact = all.filter((row) => row.code.toLocaleLowerCase('nb') === key || row.name.toLocaleLowerCase('nb') === key);
  const matches = exact.length > 0 ? exact : all.filter((row) => row.name.toLocaleLowerCase('nb').includes(key));
  if (matches.length === 1) {
    const [match] = matches as [(typeof all)[number]];
    const scope = kind === 'unit' ? { line: input.line, unitId: match.id } : { line: input.line, subjectAreaId: match.id };
    return { ok: true, scope, name: match.name };
  }
  if (matches.length > 1) return { ok: false, problem: `ambiguous${suffix}`, choices: matches.map(choice) };
  return { ok: false, problem: `unknown${suffix}`, choices: all.map(choice) };
}
