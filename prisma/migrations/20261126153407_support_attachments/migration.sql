-- CreateEnum
CREATE TYPE "SupportAttachmentSource" AS ENUM ('chat', 'message_action');

-- CreateTable
CREATE TABLE "support_attachment" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "link" TEXT,
    "content" BYTEA,
    "size_bytes" INTEGER,
    "source" "SupportAttachmentSource" NOT NULL,
    "added_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "support_attachment_request_id_created_at_idx" ON "support_attachment"("request_id", "created_at");

-- AddForeignKey
ALTER TABLE "support_attachment" ADD CONSTRAINT "support_attachment_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "support_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_attachment" ADD CONSTRAINT "support_attachment_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

