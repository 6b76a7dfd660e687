import type { DbClient } from '../db.js';
import { queueConversationOf } from './queue-channels.js';
import type { SupportLine } from './vocabulary.js';

/** The line scope of a henvendelse, as support_request keeps it. */
export interface LineScope {
  line: SupportLine;
  lineUnitId: string | null;
  lineSubjectAreaId: string | null;
}

/**
 * The channel where the line that has the henvendelse works on it (findQueueChannel's rule: its own
 * queue channel, or the first line's for process advisers and specialists without one). IT has
 * no channel: the archive follows a henvendelse at IT from the first line's. Null: none is bound.
 */
export async function liveChannelOf(db: DbClient, scope: LineScope): Promise<string | null> {
  return scope.line === 'it'
    ? queueConversationOf(db, { line: 'forstelinje' })
    : queueConversationOf(db, { line: scope.line, unitId: scope.lineUnitId, subjectAreaId: scope.lineSubjectAreaId });
}
