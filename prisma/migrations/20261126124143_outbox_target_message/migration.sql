-- AlterTable
ALTER TABLE "outbox_message" ADD COLUMN     "target_message_id" BIGINT;

-- AddForeignKey
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_target_message_id_fkey" FOREIGN KEY ("target_message_id") REFERENCES "outbox_message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

