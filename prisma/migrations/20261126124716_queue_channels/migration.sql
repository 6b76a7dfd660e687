-- CreateEnum
-- The henvendelse model (migration support_requests) creates the same enum: whichever of the two
-- runs first creates it, the other leaves it be.
DO $$ BEGIN
  CREATE TYPE "SupportLine" AS ENUM ('forstelinje', 'prosessradgiver', 'fagspesialist', 'leverandor', 'systemadministrator', 'it');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- CreateTable
CREATE TABLE "queue_channel" (
    "id" UUID NOT NULL,
    "line" "SupportLine" NOT NULL,
    "unit_id" UUID,
    "subject_area_id" UUID,
    "conversation_id" TEXT NOT NULL,
    "team_id" TEXT,
    "channel_id" TEXT,
    "channel_name" TEXT,
    "bound_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_channel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "queue_channel_conversation_id_key" ON "queue_channel"("conversation_id");

-- AddForeignKey
ALTER TABLE "queue_channel" ADD CONSTRAINT "queue_channel_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_channel" ADD CONSTRAINT "queue_channel_subject_area_id_fkey" FOREIGN KEY ("subject_area_id") REFERENCES "subject_area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_channel" ADD CONSTRAINT "queue_channel_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation_reference"("conversation_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_channel" ADD CONSTRAINT "queue_channel_bound_by_id_fkey" FOREIGN KEY ("bound_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- begin hand-written (schema.prisma cannot express it; test/migrations.test.ts applies it to both sides)
-- One channel per line, per unit for the process advisers and per subject area for the
-- specialists. NULLs are distinct in a plain unique index, hence the coalesce.
CREATE UNIQUE INDEX "queue_channel_line_scope_key" ON "queue_channel"
  ("line", coalesce("unit_id", '00000000-0000-0000-0000-000000000000'::uuid), coalesce("subject_area_id", '00000000-0000-0000-0000-000000000000'::uuid));

-- The process advisers' queue belongs to a unit, the specialists' to a subject area, the other
-- lines to neither; IT is reached by e-mail and has no channel.
ALTER TABLE "queue_channel" ADD CONSTRAINT "queue_channel_line_scope_check" CHECK (
  CASE "line"
    WHEN 'prosessradgiver' THEN "unit_id" IS NOT NULL AND "subject_area_id" IS NULL
    WHEN 'fagspesialist' THEN "subject_area_id" IS NOT NULL AND "unit_id" IS NULL
    WHEN 'it' THEN false
    ELSE "unit_id" IS NULL AND "subject_area_id" IS NULL
  END
);
-- end hand-written
