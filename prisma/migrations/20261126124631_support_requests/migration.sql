-- CreateEnum
CREATE TYPE "SupportLine" AS ENUM ('forstelinje', 'prosessradgiver', 'fagspesialist', 'leverandor', 'systemadministrator', 'it');

-- CreateEnum
CREATE TYPE "SupportStatus" AS ENUM ('ny', 'under_behandling', 'venter_pa_innmelder', 'hos_leverandor', 'hos_it', 'lost', 'lukket');

-- CreateEnum
CREATE TYPE "SupportCategory" AS ENUM ('bruk_av_systemet', 'faglig_sporsmal', 'feilmelding', 'tilgang', 'flytte_kopiere_rette', 'journalpost_utgaar', 'arkivverdig', 'annet');

-- CreateEnum
CREATE TYPE "SupportUrgency" AS ENUM ('lav', 'normal', 'hoy', 'kritisk');

-- CreateEnum
CREATE TYPE "SupportEventKind" AS ENUM ('created', 'taken', 'assigned', 'reply_to_requester', 'requester_reply', 'internal_note', 'handed_over', 'status_changed', 'visit_offered', 'visit_answered', 'resolved', 'confirmed', 'reopened', 'rated', 'closed', 'file_added', 'email_sent');

-- CreateTable
CREATE TABLE "support_request" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "requester_id" UUID NOT NULL,
    "what" TEXT NOT NULL,
    "who" TEXT,
    "result" TEXT,
    "category" "SupportCategory" NOT NULL,
    "subject_area_id" UUID,
    "reference" TEXT,
    "urgency" "SupportUrgency" NOT NULL DEFAULT 'normal',
    "status" "SupportStatus" NOT NULL DEFAULT 'ny',
    "line" "SupportLine" NOT NULL DEFAULT 'forstelinje',
    "line_unit_id" UUID,
    "line_subject_area_id" UUID,
    "assignee_id" UUID,
    "vendor_reference" TEXT,
    "intake_key" TEXT NOT NULL,
    "self_help_query_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "rating" INTEGER,
    "rating_comment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "support_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_event" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "kind" "SupportEventKind" NOT NULL,
    "actor_id" UUID,
    "text" TEXT,
    "data" JSONB,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_number_counter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "support_number_counter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "support_request_number_key" ON "support_request"("number");

-- CreateIndex
CREATE INDEX "support_request_requester_id_created_at_idx" ON "support_request"("requester_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "support_request_line_status_idx" ON "support_request"("line", "status");

-- CreateIndex
CREATE UNIQUE INDEX "support_request_year_sequence_key" ON "support_request"("year", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "support_request_requester_id_intake_key_key" ON "support_request"("requester_id", "intake_key");

-- CreateIndex
CREATE INDEX "support_event_request_id_id_idx" ON "support_event"("request_id", "id");

-- AddForeignKey
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_subject_area_id_fkey" FOREIGN KEY ("subject_area_id") REFERENCES "subject_area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_line_unit_id_fkey" FOREIGN KEY ("line_unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_line_subject_area_id_fkey" FOREIGN KEY ("line_subject_area_id") REFERENCES "subject_area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_event" ADD CONSTRAINT "support_event_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "support_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_event" ADD CONSTRAINT "support_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

