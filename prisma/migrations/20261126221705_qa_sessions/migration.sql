-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "btree_gist";

-- CreateEnum
CREATE TYPE "QaSessionState" AS ENUM ('planned', 'open', 'closed');

-- CreateEnum
CREATE TYPE "QaPairRole" AS ENUM ('opening', 'closing');

-- CreateEnum
CREATE TYPE "QaQuestionKind" AS ENUM ('question', 'error_report');

-- CreateEnum
CREATE TYPE "QaQuestionStatus" AS ENUM ('open', 'hidden', 'answered', 'merged');

-- CreateEnum
CREATE TYPE "KnownErrorStatus" AS ENUM ('registrert', 'meldt_til_leverandor', 'under_arbeid', 'rettet', 'avvist');

-- CreateTable
CREATE TABLE "qa_session" (
    "id" UUID NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "anonymous_allowed" BOOLEAN NOT NULL DEFAULT false,
    "state" "QaSessionState" NOT NULL DEFAULT 'planned',
    "pair_id" UUID,
    "pair_role" "QaPairRole",
    "moderator_id" UUID NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "qa_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qa_question" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "kind" "QaQuestionKind" NOT NULL DEFAULT 'question',
    "text" TEXT NOT NULL,
    "asker_id" UUID NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "status" "QaQuestionStatus" NOT NULL DEFAULT 'open',
    "hidden_reason" TEXT,
    "merged_into_id" UUID,
    "answer" TEXT,
    "answered_by_id" UUID,
    "answered_at" TIMESTAMPTZ(3),
    "carried_from_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "qa_question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qa_vote" (
    "question_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qa_vote_pkey" PRIMARY KEY ("question_id","person_id")
);

-- CreateTable
CREATE TABLE "known_error" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "KnownErrorStatus" NOT NULL DEFAULT 'registrert',
    "vendor_reference" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "known_error_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "known_error_link" (
    "id" UUID NOT NULL,
    "known_error_id" UUID NOT NULL,
    "question_id" UUID,
    "linked_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "known_error_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "qa_session_conversation_id_starts_at_idx" ON "qa_session"("conversation_id", "starts_at");

-- CreateIndex
CREATE INDEX "qa_session_pair_id_idx" ON "qa_session"("pair_id");

-- CreateIndex
CREATE INDEX "qa_question_session_id_status_idx" ON "qa_question"("session_id", "status");

-- CreateIndex
CREATE INDEX "qa_question_asker_id_idx" ON "qa_question"("asker_id");

-- CreateIndex
CREATE INDEX "qa_vote_person_id_idx" ON "qa_vote"("person_id");

-- CreateIndex
CREATE INDEX "known_error_status_idx" ON "known_error"("status");

-- CreateIndex
CREATE UNIQUE INDEX "known_error_link_question_id_key" ON "known_error_link"("question_id");

-- CreateIndex
CREATE INDEX "known_error_link_known_error_id_idx" ON "known_error_link"("known_error_id");

-- AddForeignKey
ALTER TABLE "qa_session" ADD CONSTRAINT "qa_session_moderator_id_fkey" FOREIGN KEY ("moderator_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "qa_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_asker_id_fkey" FOREIGN KEY ("asker_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "qa_question"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_carried_from_id_fkey" FOREIGN KEY ("carried_from_id") REFERENCES "qa_question"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_vote" ADD CONSTRAINT "qa_vote_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "qa_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_vote" ADD CONSTRAINT "qa_vote_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "known_error" ADD CONSTRAINT "known_error_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "known_error_link" ADD CONSTRAINT "known_error_link_known_error_id_fkey" FOREIGN KEY ("known_error_id") REFERENCES "known_error"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "known_error_link" ADD CONSTRAINT "known_error_link_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "qa_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "known_error_link" ADD CONSTRAINT "known_error_link_linked_by_id_fkey" FOREIGN KEY ("linked_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- begin hand-written (schema.prisma cannot express it; test/migrations.test.ts applies it to both sides)
-- A conversation runs one spørretime at a time: two sessions that are not closed never overlap there.
ALTER TABLE "qa_session" ADD CONSTRAINT "qa_session_one_at_a_time"
  EXCLUDE USING gist ("conversation_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("state" <> 'closed');
ALTER TABLE "qa_session" ADD CONSTRAINT "qa_session_times_check" CHECK ("ends_at" > "starts_at");
ALTER TABLE "qa_session" ADD CONSTRAINT "qa_session_pair_check" CHECK (("pair_id" IS NULL) = ("pair_role" IS NULL));
ALTER TABLE "qa_session" ADD CONSTRAINT "qa_session_closed_at_check" CHECK (("state" = 'closed') = ("closed_at" IS NOT NULL));
-- What each status needs: a hidden one its reason, a merged one the question it went into, an answered one its written answer.
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_hidden_check" CHECK ("status" <> 'hidden' OR "hidden_reason" IS NOT NULL);
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_merged_check"
  CHECK (("status" = 'merged') = ("merged_into_id" IS NOT NULL) AND "merged_into_id" IS DISTINCT FROM "id");
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_answered_check"
  CHECK ("status" <> 'answered' OR ("answer" IS NOT NULL AND btrim("answer") <> '' AND "answered_at" IS NOT NULL));
-- A link names exactly one report (a henvendelse will be one more column in this count).
ALTER TABLE "known_error_link" ADD CONSTRAINT "known_error_link_one_target_check" CHECK (num_nonnulls("question_id") = 1);
-- end hand-written
