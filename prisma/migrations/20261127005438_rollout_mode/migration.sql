-- AlterTable
ALTER TABLE "organisation_settings" ADD COLUMN     "rollout_from" DATE,
ADD COLUMN     "rollout_text" TEXT,
ADD COLUMN     "rollout_to" DATE;


-- begin hand-written (schema.prisma cannot express it; test/migrations.test.ts applies it to both sides)
-- A rollout has both days or none, and ends on or after its start.
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_rollout_check"
  CHECK (("rollout_from" IS NULL) = ("rollout_to" IS NULL) AND ("rollout_to" IS NULL OR "rollout_to" >= "rollout_from"));
-- end hand-written
