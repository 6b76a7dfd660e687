import type { ThreadFile } from '../../cards/file-thread-card.js';
import type { DbClient } from '../db.js';
import type { FileLinks } from './file-links.js';

/** Characters of Teams' links one thread line may carry (the rest of the line is small). */
const THREAD_LINK_BUDGET = 16_000;

/** The files a `file_added` event names (its data has their ids), with the links support can open. */
export async function threadFiles(tx: DbClient, eventId: bigint, fileLinks: FileLinks | undefined): Promise<ThreadFile[]> {
  const event = await tx.supportEvent.findUnique({ where: { id: eventId }, select: { data: true } });
  const ids = (event?.data as { attachmentIds?: unknown } | null)?.attachmentIds;
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const rows = await tx.supportAttachment.findMany({
    where: { id: { in: ids.filter((id): id is string => typeof id === 'string') } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, contentType: true, link: true, sizeBytes: true },
  });
  // Whether bytes were kept, without reading them into the transaction.
  const kept = new Set(
    (await tx.supportAttachment.findMany({ where: { id: { in: rows.map((row) => row.id) }, content: { not: null } }, select: { id: true } })).map((row) => row.id),
  );
  // Teams refuses a message over about 28 KB, and Teams' download links can be long: links past
  // the budget are left out (the file is still named, and kept on the henvendelse).
  let budget = THREAD_LINK_BUDGET;
  return rows.map((row) => {
    const image = row.contentType.startsWith('image/');
    const link = row.link !== null && row.link.length <= budget ? row.link : null;
    if (link) budget -= link.length;
    return {
      name: row.name,
      link,
      imageUrl: kept.has(row.id) && image ? (fileLinks?.imageUrl(row.id) ?? null) : null,
      tooLarge: image && !kept.has(row.id) && row.link !== null && row.sizeBytes !== null,
    };
  });
}
