-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'moderator';

-- AlterTable
ALTER TABLE "qa_session" ADD COLUMN     "card_message_id" BIGINT;

