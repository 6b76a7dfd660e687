-- CreateTable
CREATE TABLE "scheduled_job_run" (
    "id" BIGSERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "run_key" TEXT NOT NULL,
    "claimed_by" TEXT NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL,
    "lease_until" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "scheduled_job_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scheduled_job_run_job_run_key_key" ON "scheduled_job_run"("job", "run_key");
