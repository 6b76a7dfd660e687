-- AlterEnum
ALTER TYPE "SupportCategory" ADD VALUE 'journalforing';

-- AlterTable
ALTER TABLE "support_request" ADD COLUMN     "source_message_author" TEXT,
ADD COLUMN     "source_message_id" TEXT,
ADD COLUMN     "source_message_link" TEXT;
