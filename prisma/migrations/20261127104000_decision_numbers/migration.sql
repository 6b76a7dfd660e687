-- A decision to follow up carries its case's number and its entry's dokumentnummer, as an entry
-- carries its case's (migration entry_case_number): the daily card's «Vedtak til oppfølging» reads
-- a line from the decision alone, where joining the case and the entry cost each line two index
-- descents, two thirds of the list's time (bench/daily-compose.ts). The registry keeps them equal
-- (create-decision.ts, import-archive.ts).
ALTER TABLE "archive_decision" ADD COLUMN "case_year" INTEGER, ADD COLUMN "case_sequence" INTEGER, ADD COLUMN "entry_sequence" INTEGER;
UPDATE "archive_decision" d SET "case_year" = c."year", "case_sequence" = c."sequence",
       "entry_sequence" = (SELECT e."sequence" FROM "archive_entry" e WHERE e."id" = d."entry_id")
  FROM "archive_case" c WHERE c."id" = d."case_id";
ALTER TABLE "archive_decision" ALTER COLUMN "case_year" SET NOT NULL, ALTER COLUMN "case_sequence" SET NOT NULL;
