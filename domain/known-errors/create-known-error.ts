import { writeAudit } from '../audit.js';
import { sql, type DbClient, type PrismaClient } from '../db.js';
import { checkedText, QA_LIMITS, type QaActor } from '../qa/vocabulary.js';

export interface CreateKnownErrorInput {
  title: string;
  description: string;
  vendorReference?: string | null;
  actor: QaActor;
  now: Date;
}

/** Registers a known error (status «registrert»). */
export async function createKnownError(prisma: PrismaClient, input: CreateKnownErrorInput): Promise<{ id: string }> {
  return prisma.$transaction((tx) => insertKnownError(tx, input));
}

/** The same inside the caller's transaction (an error report turned into a known error). */
export async function insertKnownError(tx: DbClient, input: CreateKnownErrorInput): Promise<{ id: string }> {
  const title = checkedText(input.title, QA_LIMITS.title, 'title');
  const description = checkedText(input.description, QA_LIMITS.description, 'description');
  const vendorReference = input.vendorReference?.trim() ? checkedText(input.vendorReference, QA_LIMITS.vendorReference, 'vendor reference') : null;
  const [row] = await sql(tx).rows<{ id: string }>`
    INSERT INTO known_error (id, title, description, vendor_reference, created_by_id, created_at, updated_at)
    VALUES (gen_random_uuid(), ${title}, ${description}, ${vendorReference}::text, ${input.actor.personId}::uuid, ${input.now}::timestamptz, ${input.now}::timestamptz)
    RETURNING id::text AS id`;
  await writeAudit(tx, {
    actor: input.actor.aadObjectId,
    action: 'knownError.created',
    entity: 'known_error',
    entityId: row!.id,
    after: { title, description, vendorReference, status: 'registrert' },
  });
  return row!;
}
