-- A registry entry carries its case's number (saksår, sekvensnummer: the case part of its own
-- number, 2026/1234-3) and whether the case is about an enkeltvedtak, so that the daily card's
-- lists read an entry's line from the entry alone: joining the case cost each listed entry an
-- index descent into 5,000,000 cases, about half of each list's time (bench/daily-compose.ts).
-- The registry keeps them equal to the case's (create-entry.ts, import-archive.ts).
ALTER TABLE "archive_entry" ADD COLUMN "case_year" INTEGER, ADD COLUMN "case_sequence" INTEGER, ADD COLUMN "case_enkeltvedtak" BOOLEAN;
UPDATE "archive_entry" e SET "case_year" = c."year", "case_sequence" = c."sequence", "case_enkeltvedtak" = c."enkeltvedtak"
  FROM "archive_case" c WHERE c."id" = e."case_id";
ALTER TABLE "archive_entry" ALTER COLUMN "case_year" SET NOT NULL, ALTER COLUMN "case_sequence" SET NOT NULL, ALTER COLUMN "case_enkeltvedtak" SET NOT NULL;
