import { sql, type DbClient } from '../db.js';
import type { KnownErrorStatus } from './vocabulary.js';

export interface KnownErrorListItem {
  id: string;
  title: string;
  status: KnownErrorStatus;
  vendorReference: string | null;
  /** How many error reports are linked to it. */
  reports: number;
  version: number;
}

export interface KnownErrorList {
  /** The ones still being worked on first, then «rettet» and «avvist»; newest change first: the first `KNOWN_ERRORS_SHOWN`. */
  errors: KnownErrorListItem[];
  /** How many more there are. */
  restCount: number;
}

/** The register's card shows at most this many (each carries its status form). */
export const KNOWN_ERRORS_SHOWN = 30;

/** The register of known errors as its card shows it, in one statement. */
export async function listKnownErrors(db: DbClient): Promise<KnownErrorList> {
  const rows = await sql(db).rows<KnownErrorListItem & { total: number }>`
    SELECT k.id::text AS id, k.title, k.status::text AS status, k.vendor_reference AS "vendorReference",
      (SELECT count(*) FROM known_error_link l WHERE l.known_error_id = k.id)::int AS reports, k.version,
      (count(*) OVER ())::int AS total
    FROM known_error k
    ORDER BY k.status IN ('rettet', 'avvist'), k.updated_at DESC, k.id
    LIMIT ${KNOWN_ERRORS_SHOWN}::int`;
  const total = rows[0]?.total ?? 0;
  return { errors: rows.map(({ total: _total, ...item }) => item), restCount: Math.max(0, total - rows.length) };
}

/** A known error's title (for the line after a change); empty when there is none. */
export async function knownErrorTitle(db: DbClient, knownErrorId: string): Promise<string> {
  const [row] = await sql(db).rows<{ title: string }>`SELECT title FROM known_error WHERE id = ${knownErrorId}::uuid`;
  return row?.title ?? '';
}
