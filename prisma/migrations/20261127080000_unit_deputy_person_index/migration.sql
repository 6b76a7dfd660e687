-- The units a person stands in for, found from the person (domain/daily/daily-rights.ts, at every card action).
CREATE INDEX "unit_deputy_person_id_idx" ON "unit_deputy"("person_id");
