-- begin hand-written (partial indexes: schema.prisma cannot express WHERE; test/migrations.test.ts applies it to both sides)
-- A unit's (and a sub-unit's) unassigned restanser, the leader's «Ufordelte journalposter»
-- (UNASSIGNED in domain/archive/registry/reads.ts): counted and the oldest ten read from these
-- alone. Over the unit's whole backlog (archive_entry_unit_backlog_idx, filtering caseworker_id)
-- each unit cost a walk over all its restanser, about ten times the rows (bench/daily-compose.ts).
CREATE INDEX "archive_entry_unit_unassigned_idx" ON "archive_entry" ("unit_id", "received_date", "id")
  WHERE "caseworker_id" IS NULL AND "type" IN ('I', 'N') AND "status" <> 'U' AND ("write_off_method" IS NULL OR "write_off_method" = '***');
CREATE INDEX "archive_entry_sub_unit_unassigned_idx" ON "archive_entry" ("sub_unit_id", "received_date", "id")
  WHERE "caseworker_id" IS NULL AND "type" IN ('I', 'N') AND "status" <> 'U' AND ("write_off_method" IS NULL OR "write_off_method" = '***');
-- end hand-written
