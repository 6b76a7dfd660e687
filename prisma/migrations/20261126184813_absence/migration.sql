-- CreateTable
CREATE TABLE "organisation_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT,
    "post_address" TEXT,
    "daily_card_time" TEXT NOT NULL DEFAULT '07:30',
    "time_zone" TEXT NOT NULL DEFAULT 'Europe/Oslo',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organisation_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "absence" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "absence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "absence_person_id_to_date_idx" ON "absence"("person_id", "to_date");

-- AddForeignKey
ALTER TABLE "absence" ADD CONSTRAINT "absence_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- begin hand-written (schema.prisma cannot express it; test/migrations.test.ts applies it to both sides)
-- One row of organisation settings, and a time of day the scheduler can read.
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_single_row_check" CHECK ("id" = 1);
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_daily_card_time_check"
  CHECK ("daily_card_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
-- An absence ends on or after the day it starts.
ALTER TABLE "absence" ADD CONSTRAINT "absence_dates_check" CHECK ("to_date" >= "from_date");
-- end hand-written
