-- AlterTable
ALTER TABLE "support_request" ADD COLUMN     "channel_card_message_id" BIGINT,
ADD COLUMN     "channel_conversation_id" TEXT;

