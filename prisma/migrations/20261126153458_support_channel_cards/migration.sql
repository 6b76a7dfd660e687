-- A henvendelse gets a card in the queue channel of every line it passes through: the one card
-- column pair on support_request becomes a table. Existing cards were all posted for the first line.

-- AlterEnum (PostgreSQL 12 and later add several values in one transaction)
ALTER TYPE "SupportEventKind" ADD VALUE 'vendor_reference';
ALTER TYPE "SupportEventKind" ADD VALUE 'it_answer';

-- CreateTable
CREATE TABLE "support_channel_card" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "message_id" BIGINT NOT NULL,
    "line" "SupportLine" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_channel_card_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "support_channel_card_request_id_conversation_id_key" ON "support_channel_card"("request_id", "conversation_id");

-- AddForeignKey
ALTER TABLE "support_channel_card" ADD CONSTRAINT "support_channel_card_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "support_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Move the existing cards
INSERT INTO "support_channel_card" ("request_id", "conversation_id", "message_id", "line", "created_at")
SELECT "id", "channel_conversation_id", "channel_card_message_id", 'forstelinje', "created_at"
FROM "support_request"
WHERE "channel_card_message_id" IS NOT NULL AND "channel_conversation_id" IS NOT NULL;

-- AlterTable
ALTER TABLE "support_request" DROP COLUMN "channel_card_message_id",
DROP COLUMN "channel_conversation_id";
