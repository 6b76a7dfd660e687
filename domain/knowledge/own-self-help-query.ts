import { AppError, AppErrorCode } from '../errors.js';
import type { DbClient } from '../db.js';

/**
 * The self-help query with this id, if the caller asked it. Card data is never trusted: an id
 * that is unknown is NOT_FOUND, another person's query is FORBIDDEN.
 */
export async function ownSelfHelpQuery(db: DbClient, queryId: string, aadObjectId: string) {
  const query = await db.selfHelpQuery.findUnique({ where: { id: queryId } });
  if (!query) throw new AppError(AppErrorCode.NOT_FOUND, { message: `self-help query ${queryId} does not exist` });
  if (query.aadObjectId !== aadObjectId) throw new AppError(AppErrorCode.FORBIDDEN, { message: `self-help query ${queryId} is someone else's` });
  return query;
}
