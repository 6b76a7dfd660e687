-- begin hand-written (partial indexes: schema.prisma cannot express WHERE; test/migrations.test.ts applies it to both sides)
-- The inbox and the due list in their own order (domain/archive/registry/reads.ts): each owner's
-- first ten are read with their columns in one walk over the index, which stops at the tenth,
-- instead of ranking every restanse of the person over archive_entry_backlog_idx and looking the
-- ten up by key (bench/daily-compose.ts). The WHERE clauses are the reads' own (BACKLOG in
-- rows.ts; the range conditions imply NOT NULL).
CREATE INDEX "archive_entry_inbox_idx" ON "archive_entry" ("caseworker_id", "assigned_at", "id")
  WHERE "type" IN ('I', 'N') AND "status" <> 'U' AND ("write_off_method" IS NULL OR "write_off_method" = '***') AND "assigned_at" IS NOT NULL;
CREATE INDEX "archive_entry_due_idx" ON "archive_entry" ("caseworker_id", "due_date", "id")
  WHERE "type" IN ('I', 'N') AND "status" <> 'U' AND ("write_off_method" IS NULL OR "write_off_method" = '***') AND "due_date" IS NOT NULL;
-- end hand-written
