-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('waiting', 'sending', 'sent', 'failed', 'unreachable');

-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('send', 'reply', 'update', 'reach');

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "unreachable_at" TIMESTAMPTZ(3),
ADD COLUMN     "unreachable_reason" TEXT;

-- AlterTable
ALTER TABLE "conversation_reference" DROP COLUMN "welcomed_at";

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" BIGSERIAL NOT NULL,
    "idempotency_key" TEXT,
    "kind" "OutboxKind" NOT NULL DEFAULT 'send',
    "person_id" UUID,
    "conversation_id" TEXT,
    "target_activity_id" TEXT,
    "activity" JSONB,
    "state" "OutboxState" NOT NULL DEFAULT 'waiting',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "sent_conversation_id" TEXT,
    "activity_id" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_pace" (
    "key" TEXT NOT NULL,
    "sends" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "blocked_until" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pace_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_idempotency_key_key" ON "outbox_message"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_message_state_next_attempt_at_idx" ON "outbox_message"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_message_person_id_state_idx" ON "outbox_message"("person_id", "state");

-- AddForeignKey
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

