-- CreateTable
CREATE TABLE "archive_case" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "public_title" TEXT,
    "status" TEXT NOT NULL DEFAULT 'B',
    "unit_id" UUID,
    "saksansvarlig_id" UUID,
    "obs_date" DATE,
    "enkeltvedtak" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "last_action" TEXT,
    "last_actor_id" UUID,
    "last_changed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "archive_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "archive_entry" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "public_title" TEXT,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "unit_id" UUID,
    "sub_unit_id" UUID,
    "caseworker_id" UUID,
    "assigned_at" TIMESTAMPTZ(3),
    "received_date" DATE NOT NULL,
    "due_date" DATE,
    "needs_due_date" BOOLEAN NOT NULL DEFAULT false,
    "access_code" TEXT,
    "legal_basis" TEXT,
    "screened_fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "meirinnsyn_considered" BOOLEAN NOT NULL DEFAULT false,
    "behandlingsstatus" TEXT,
    "write_off_method" TEXT,
    "write_off_date" DATE,
    "write_off_by_id" UUID,
    "write_off_reply_id" UUID,
    "registered_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "last_action" TEXT,
    "last_actor_id" UUID,
    "last_changed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "archive_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "archive_approval_step" (
    "id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "chain" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "approver_id" UUID NOT NULL,
    "sender_id" UUID NOT NULL,
    "flytstatus" TEXT NOT NULL DEFAULT 'V',
    "merknad" TEXT,
    "comment" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "archive_approval_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "archive_decision" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "entry_id" UUID,
    "title" TEXT NOT NULL,
    "decided_date" DATE NOT NULL,
    "responsible_id" UUID NOT NULL,
    "receipted_at" TIMESTAMPTZ(3),
    "receipted_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "archive_decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "archive_case_saksansvarlig_id_obs_date_idx" ON "archive_case"("saksansvarlig_id", "obs_date");

-- CreateIndex
CREATE INDEX "archive_case_status_idx" ON "archive_case"("status");

-- CreateIndex
CREATE UNIQUE INDEX "archive_case_year_sequence_key" ON "archive_case"("year", "sequence");

-- CreateIndex
CREATE INDEX "archive_entry_caseworker_id_type_idx" ON "archive_entry"("caseworker_id", "type");

-- CreateIndex
CREATE INDEX "archive_entry_unit_id_caseworker_id_idx" ON "archive_entry"("unit_id", "caseworker_id");

-- CreateIndex
CREATE INDEX "archive_entry_sub_unit_id_caseworker_id_idx" ON "archive_entry"("sub_unit_id", "caseworker_id");

-- CreateIndex
CREATE INDEX "archive_entry_status_idx" ON "archive_entry"("status");

-- CreateIndex
CREATE INDEX "archive_entry_access_code_idx" ON "archive_entry"("access_code");

-- CreateIndex
CREATE UNIQUE INDEX "archive_entry_case_id_sequence_key" ON "archive_entry"("case_id", "sequence");

-- CreateIndex
CREATE INDEX "archive_approval_step_approver_id_flytstatus_idx" ON "archive_approval_step"("approver_id", "flytstatus");

-- CreateIndex
CREATE UNIQUE INDEX "archive_approval_step_entry_id_chain_order_key" ON "archive_approval_step"("entry_id", "chain", "order");

-- CreateIndex
CREATE INDEX "archive_decision_responsible_id_receipted_at_idx" ON "archive_decision"("responsible_id", "receipted_at");

-- AddForeignKey
ALTER TABLE "archive_case" ADD CONSTRAINT "archive_case_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_case" ADD CONSTRAINT "archive_case_saksansvarlig_id_fkey" FOREIGN KEY ("saksansvarlig_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_case" ADD CONSTRAINT "archive_case_last_actor_id_fkey" FOREIGN KEY ("last_actor_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "archive_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_sub_unit_id_fkey" FOREIGN KEY ("sub_unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_caseworker_id_fkey" FOREIGN KEY ("caseworker_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_write_off_by_id_fkey" FOREIGN KEY ("write_off_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_write_off_reply_id_fkey" FOREIGN KEY ("write_off_reply_id") REFERENCES "archive_entry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_last_actor_id_fkey" FOREIGN KEY ("last_actor_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_approval_step" ADD CONSTRAINT "archive_approval_step_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "archive_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_approval_step" ADD CONSTRAINT "archive_approval_step_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_approval_step" ADD CONSTRAINT "archive_approval_step_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_approval_step" ADD CONSTRAINT "archive_approval_step_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_decision" ADD CONSTRAINT "archive_decision_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "archive_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_decision" ADD CONSTRAINT "archive_decision_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "archive_entry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_decision" ADD CONSTRAINT "archive_decision_responsible_id_fkey" FOREIGN KEY ("responsible_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive_decision" ADD CONSTRAINT "archive_decision_receipted_by_id_fkey" FOREIGN KEY ("receipted_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- begin hand-written (schema.prisma cannot express it; test/migrations.test.ts applies it to both sides)
-- Noark 5 codes (domain/archive/vocabulary.ts): what no Noark system would hold is refused here too.
ALTER TABLE "archive_case" ADD CONSTRAINT "archive_case_status_check" CHECK ("status" IN ('B', 'R', 'F', 'A', 'U'));
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_type_check" CHECK ("type" IN ('I', 'U', 'N', 'X', 'S'));
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_status_check" CHECK ("status" IN ('J', 'F', 'G', 'E', 'A', 'U', 'M', 'S', 'R'));
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_write_off_method_check"
  CHECK ("write_off_method" IN ('BU', 'BE', 'TLF', 'TE', 'TO', 'BN', 'SA', 'NN', '***'));
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_access_code_check" CHECK ("access_code" IN ('XX', 'U', 'P', 'B', 'H', 'K'));
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_legal_basis_check"
  CHECK ("legal_basis" IN ('13', '14', '15', '18', '20', '21', '22', '23', '24', '25', '26'));
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_screened_fields_check"
  CHECK ("screened_fields" <@ ARRAY['tittel', 'korrespondansepart', 'dokument']::text[]);
ALTER TABLE "archive_entry" ADD CONSTRAINT "archive_entry_behandlingsstatus_check"
  CHECK ("behandlingsstatus" IS NULL OR ("type" = 'S' AND "behandlingsstatus" IN ('SU', 'RE', 'KL')));
ALTER TABLE "archive_approval_step" ADD CONSTRAINT "archive_approval_step_flytstatus_check" CHECK ("flytstatus" IN ('V', 'G', 'I', 'S'));

-- The archive's list of due dates to enter is small and read every day.
CREATE INDEX "archive_entry_needs_due_date_idx" ON "archive_entry" ("received_date") WHERE "needs_due_date" AND "due_date" IS NULL;
-- end hand-written
