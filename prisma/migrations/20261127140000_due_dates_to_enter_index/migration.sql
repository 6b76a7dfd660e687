-- begin hand-written (partial indexes: schema.prisma cannot express WHERE; test/migrations.test.ts applies it to both sides)
-- The archive's «entries with a due date to register» (dueDatesToEnter in
-- domain/archive/registry/reads.ts): the index now holds the list's whole condition, in its order,
-- so the list is counted and its oldest ten read from the index alone. Without `status <> 'U'` in
-- it each entry was looked up in the table to check its status: on 10,000,000 entries 100,000
-- lookups, 1.7 s of every morning run (bench/daily-compose.ts).
DROP INDEX "archive_entry_needs_due_date_idx";
CREATE INDEX "archive_entry_needs_due_date_idx" ON "archive_entry" ("received_date", "id")
  WHERE "needs_due_date" AND "due_date" IS NULL AND "status" <> 'U';
-- end hand-written
