import type { DbClient } from '../db.js';
import type { SupportStatus } from './vocabulary.js';

export interface MyRequest {
  id: string;
  number: string;
  what: string;
  status: SupportStatus;
  /** The last change of any kind. */
  updatedAt: Date;
}

export interface MyRequests {
  /** All of the requester's henvendelser, also those beyond the list. */
  total: number;
  requests: MyRequest[];
}

/** The list a card holds well under Teams' size limit. */
export const MY_REQUESTS_LIMIT = 20;

/** `mine henvendelser`: the requester's own, newest first; nobody else's. */
export async function listMyRequests(db: DbClient, options: { requesterId: string; limit?: number }): Promise<MyRequests> {
  const where = { requesterId: options.requesterId };
  const [total, requests] = await Promise.all([
    db.supportRequest.count({ where }),
    db.supportRequest.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { sequence: 'desc' }],
      take: options.limit ?? MY_REQUESTS_LIMIT,
      select: { id: true, number: true, what: true, status: true, updatedAt: true },
    }),
  ]);
  return { total, requests };
}
