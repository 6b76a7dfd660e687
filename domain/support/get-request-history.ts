import type { DbClient, Prisma } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { requestViewOf, type SupportViewer } from './access.js';
import { respondUntil } from './resolution-window.js';
import { isOpen, requestSource, type RequestSummary, type SupportEventKind, type SupportLine } from './vocabulary.js';

export interface HistoryEvent {
  id: bigint;
  kind: SupportEventKind;
  at: Date;
  /** Null for the system. */
  actor: { id: string; name: string } | null;
  text: string | null;
  data: Prisma.JsonValue | null;
  internal: boolean;
}

export interface RequestHistory {
  /** The requester sees their own without internal events; support in the line sees everything. */
  view: 'requester' | 'support';
  request: RequestSummary & {
    who: string | null;
    result: string | null;
    line: SupportLine;
    requester: { id: string; name: string };
    assignee: { id: string; name: string } | null;
    createdAt: Date;
    updatedAt: Date;
    version: number;
    /** The requester's rating 1–5 and comment, once they confirmed it solved. */
    rating?: number | null;
    ratingComment?: string | null;
  };
  /** Oldest first. */
  events: HistoryEvent[];
  /** Whether the viewer may withdraw it («Lukk henvendelsen»): its requester, while it is open. */
  mayClose: boolean;
  /** A resolved henvendelse its requester reads: until when they may confirm or reopen it. */
  respondUntil?: Date | null;
}

/**
/**
 * Events the requester sees without their text: a hand-over's reason and IT's answer are
 * support's own (the requester sees that it moved, and where).
 */
const SUPPORT_ONLY_TEXT: readonly SupportEventKind[] = ['handed_over', 'it_answer'];

/**
 * One henvendelse with its history (given `now`, a resolved one past its 14 days offers no answer), for someone who may see it (access.ts); anyone else is
 * refused (FORBIDDEN) and learns nothing about it.
 */
export async function getRequestHistory(db: DbClient, options: { requestId: string; viewer: SupportViewer; now?: Date }): Promise<RequestHistory> {
  const row = await db.supportRequest.findUnique({
    where: { id: options.requestId },
    include: {
      subjectArea: { select: { name: true } },
      requester: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      events: { orderBy: { id: 'asc' }, include: { actor: { select: { id: true, name: true } } } },
    },
  });
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${options.requestId} does not exist` });
  const view = requestViewOf(options.viewer, row);
  if (!view) throw new AppError(AppErrorCode.FORBIDDEN, { message: `person ${options.viewer.id} may not see henvendelse ${options.requestId}` });

  return {
    view,
    request: {
      id: row.id,
      number: row.number,
      status: row.status,
      category: row.category,
      urgency: row.urgency,
      subjectArea: row.subjectArea?.name ?? null,
      reference: row.reference,
      what: row.what,
      who: row.who,
      result: row.result,
      source: requestSource(row),
      line: row.line,
      requester: row.requester,
      assignee: row.assignee,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
      rating: row.rating,
      ratingComment: row.ratingComment,
    },
    events: row.events
      .filter((event) => view === 'support' || !event.internal)
      .map((event) => ({
        id: event.id,
        kind: event.kind,
        at: event.createdAt,
        actor: event.actor,
        text: view === 'requester' && SUPPORT_ONLY_TEXT.includes(event.kind) ? null : event.text,
        data: event.data,
        internal: event.internal,
      })),
    mayClose: view === 'requester' && isOpen(row.status),
    respondUntil: view === 'requester' && row.status === 'lost' && row.resolvedAt && !(options.now && options.now >= respondUntil(row.resolvedAt)) ? respondUntil(row.resolvedAt) : null,
  };
}
