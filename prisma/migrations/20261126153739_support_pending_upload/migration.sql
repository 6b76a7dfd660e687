-- CreateTable
CREATE TABLE "support_pending_upload" (
    "id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "link" TEXT,
    "content" BYTEA,
    "size_bytes" INTEGER,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_pending_upload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "support_pending_upload_person_id_batch_id_idx" ON "support_pending_upload"("person_id", "batch_id");
