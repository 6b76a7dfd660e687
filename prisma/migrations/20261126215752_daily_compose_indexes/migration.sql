-- DropIndex
DROP INDEX "archive_case_saksansvarlig_id_obs_date_idx";

-- DropIndex
DROP INDEX "archive_approval_step_approver_id_flytstatus_idx";

-- DropIndex
DROP INDEX "archive_decision_responsible_id_receipted_at_idx";

-- CreateIndex
CREATE INDEX "archive_case_saksansvarlig_id_obs_date_id_status_idx" ON "archive_case"("saksansvarlig_id", "obs_date", "id", "status");

-- CreateIndex
CREATE INDEX "archive_approval_step_approver_id_flytstatus_created_at_id_idx" ON "archive_approval_step"("approver_id", "flytstatus", "created_at", "id");

-- CreateIndex
CREATE INDEX "archive_decision_responsible_id_receipted_at_decided_date_i_idx" ON "archive_decision"("responsible_id", "receipted_at", "decided_date", "id");

-- begin hand-written (partial indexes: schema.prisma cannot express WHERE; test/migrations.test.ts applies it to both sides)
-- The daily card's reads (domain/archive/registry/reads.ts) rank each owner's rows of one list by
-- the list's order and count them all. Each index below holds just the rows of its list(s), as
-- (owner, order, id): an index-only scan in the order the window functions need, whatever the
-- size of the archive (bench/daily-compose.ts prints the plans). The WHERE clauses are the reads'
-- own conditions (BACKLOG in rows.ts), so the planner can prove them.
-- A caseworker's restanser, and from the same index (assigned_at and due_date included) the inbox and the due list.
CREATE INDEX "archive_entry_backlog_idx" ON "archive_entry" ("caseworker_id", "received_date", "id") INCLUDE ("assigned_at", "due_date")
  WHERE "type" IN ('I', 'N') AND "status" <> 'U' AND ("write_off_method" IS NULL OR "write_off_method" = '***');
-- A unit's (and a sub-unit's) restanser: the unassigned ones (caseworker_id IS NULL) and the unit's backlog count.
CREATE INDEX "archive_entry_unit_backlog_idx" ON "archive_entry" ("unit_id", "received_date", "id") INCLUDE ("caseworker_id")
  WHERE "type" IN ('I', 'N') AND "status" <> 'U' AND ("write_off_method" IS NULL OR "write_off_method" = '***');
CREATE INDEX "archive_entry_sub_unit_backlog_idx" ON "archive_entry" ("sub_unit_id", "received_date", "id") INCLUDE ("caseworker_id")
  WHERE "type" IN ('I', 'N') AND "status" <> 'U' AND ("write_off_method" IS NULL OR "write_off_method" = '***');
-- Drafts (R) by when they were made.
CREATE INDEX "archive_entry_drafts_idx" ON "archive_entry" ("caseworker_id", "created_at", "id") WHERE "status" = 'R';
-- Provisionally screened (XX) entries: a caseworker's own, and a unit's and sub-unit's.
CREATE INDEX "archive_entry_provisional_idx" ON "archive_entry" ("caseworker_id", "received_date", "id") WHERE "access_code" = 'XX' AND "status" <> 'U';
CREATE INDEX "archive_entry_unit_provisional_idx" ON "archive_entry" ("unit_id", "received_date", "id") WHERE "access_code" = 'XX' AND "status" <> 'U';
CREATE INDEX "archive_entry_sub_unit_provisional_idx" ON "archive_entry" ("sub_unit_id", "received_date", "id") WHERE "access_code" = 'XX' AND "status" <> 'U';
-- The archive's control lists: entries without a unit to distribute, F to register finally, U and N (F or E) whose access code to check.
CREATE INDEX "archive_entry_to_distribute_idx" ON "archive_entry" ("received_date", "id")
  WHERE "unit_id" IS NULL AND "type" IN ('I', 'N') AND "status" <> 'U' AND ("write_off_method" IS NULL OR "write_off_method" = '***');
CREATE INDEX "archive_entry_to_register_idx" ON "archive_entry" ("received_date", "id") WHERE "status" = 'F';
CREATE INDEX "archive_entry_access_code_check_idx" ON "archive_entry" ("received_date", "id") WHERE "status" IN ('F', 'E') AND "type" IN ('U', 'N');
-- end hand-written
