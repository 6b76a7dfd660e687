/**
 * The large archive sets for bench/daily-compose.ts, loaded with set-based SQL: the demo
 * organisation grown to N people (`withGeneratedPeople`, imported as `npm run demo:archive` does),
 * then M registry entries made by `INSERT … SELECT … FROM generate_series` in PostgreSQL itself,
 * so 10,000,000 entries load in minutes rather than the hours the row-by-row generator would take.
 *
 * The shape is the deterministic generator's (domain/archive/demo/generate-archive-demo.ts): units
 * in code order, every unit's first case an unassigned entry, then every scenario once, then by
 * the generator's weights (unassigned, to distribute, inbox, backlog, overdue, due soon, § 11 a
 * with and without foreløpig svar ***, answered with BU, decisions to follow up, drafts R, letters
 * and saksframlegg in every approval step SU/F RE/G KL/F, XX entries, F to register, due dates to
 * enter, N and X notes, reserved and closing cases), titles from the same themes with parties
 * screened under offentleglova § 13, OBS dates around today, and 2 % of the people away today
 * (leaders too, so deputies stand in). Every case has two entries (the request and what followed
 * it: the reply, the draft, the note); the randomness is md5 of the seed and the case number, so
 * the same seed, size and day give the same rows (the ids too: they are md5-derived uuids).
 *
 * FK checks are switched off for the load (`session_replication_role = replica`: the rows refer
 * only to rows made in the same load) and the archive's secondary indexes are dropped and made
 * again afterwards from their own definitions; then VACUUM ANALYZE, so the daily reads get their
 * index-only scans as they would on a settled database.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { withGeneratedPeople } from '../domain/archive/demo/benchmark-organisation.js';
import { CASE_THEMES, FIRST_NAMES, GOODS, LAST_NAMES, POLITICAL, SAKSFRAMLEGG_TOPICS, STREETS, TOPICS } from '../domain/archive/demo/demo-titles.js';
import { readDemoContext } from '../domain/archive/demo/write-archive-demo.js';
import { REGISTRY_TABLES } from '../domain/archive/registry/analyze-registry.js';
import type { PrismaClient } from '../domain/db.js';
import { DEMO_ORGANISATION_PATH } from '../domain/org/demo-people.js';
import { importOrganisation } from '../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../domain/org/org-file.js';

export interface BenchSet {
  people: number;
  entries: number;
  seed: string;
  /** The day the data was made for (Europe/Oslo): compose for this day. */
  today: string;
  now: Date;
}

const ARCHIVE_TABLES = REGISTRY_TABLES;

/** The scenarios in the generator's order, with its weights (they add up to 100). */
const SCENARIOS: readonly [string, number][] = [
  ['unassigned', 8], ['toDistribute', 3], ['inbox', 6], ['backlog', 14], ['overdue', 8], ['dueSoon', 8], ['forelopigSvar', 6], ['answered', 12],
  ['decision', 5], ['draft', 5], ['letterForApproval', 4], ['saksframleggSU', 2], ['saksframleggRE', 2], ['saksframleggKL', 1], ['provisional', 5],
  ['toRegisterFinally', 3], ['needsDueDate', 2], ['notes', 3], ['reserved', 1], ['closing', 2],
];

/** The set a database holds (bench_set, written at the end of a load), or null. */
export async function loadedSet(pool: pg.Pool): Promise<BenchSet | null> {
  const { rows } = await pool.query<{ people: number; entries: number; seed: string; today: string; now: Date; actual_people: number; actual_entries: number }>(`
    SELECT s.people, s.entries, s.seed, to_char(s.today, 'YYYY-MM-DD') AS today, s.now,
           (SELECT count(*) FROM person WHERE active)::int AS actual_people,
           (SELECT count(*) FROM archive_entry)::int AS actual_entries
      FROM bench_set s
     WHERE to_regclass('bench_set') IS NOT NULL`).catch(() => ({ rows: [] }));
  const row = rows[0];
  if (!row || row.actual_people !== row.people || row.actual_entries !== row.entries) return null;
  return { people: row.people, entries: row.entries, seed: row.seed, today: row.today, now: row.now };
}

/** Imports the organisation and loads the archive set into an empty, migrated database. */
export async function loadBenchSet(
  prisma: PrismaClient,
  pool: pg.Pool,
  set: BenchSet,
  log: (line: string) => void = console.log,
): Promise<{ ms: Record<string, number> }> {
  const ms: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    ms[name] = performance.now() - started;
    log(`  ${name}: ${(ms[name] / 1000).toFixed(1)} s`);
    return result;
  };

  const demo = parseOrganisationFile(await readFile(DEMO_ORGANISATION_PATH, 'utf8'), DEMO_ORGANISATION_PATH);
  await step(`organisation (${set.people} people)`, async () => {
    // The demo organisation through the import; the generated units of twenty (`withGeneratedPeople`,
    // as `npm run demo:archive -- --people N` makes them) in four statements: importing 50,000
    // people one by one takes longer than an interactive transaction may last.
    await importOrganisation(prisma, demo, { actor: 'bench' });
    const grown = withGeneratedPeople(demo, set.people);
    const units = grown.units.slice(demo.units.length);
    const people = grown.people.slice(demo.people.length);
    const top = await prisma.unit.findUniqueOrThrow({ where: { code: units[0]?.parent ?? demo.units[0]!.code } });
    const unitIds = new Map(units.map((unit) => [unit.code, randomUUID()]));
    const personIds = new Map(people.map((person) => [person.aadObjectId, randomUUID()]));
    await pool.query(
      `INSERT INTO unit (id, code, name, parent_id, leader_id, updated_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[])`,
      [units.map((u) => unitIds.get(u.code)), units.map((u) => u.code), units.map((u) => u.name), units.map(() => top.id),
        units.map(() => null), units.map(() => set.now)],
    );
    await pool.query(
      `INSERT INTO person (id, aad_object_id, name, email, unit_id, updated_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[])`,
      [people.map((p) => personIds.get(p.aadObjectId)), people.map((p) => p.aadObjectId), people.map((p) => p.name), people.map((p) => p.email),
        people.map((p) => unitIds.get(p.unit!)), people.map(() => set.now)],
    );
    await pool.query(`UPDATE unit SET leader_id = t.leader FROM unnest($1::uuid[], $2::uuid[]) AS t(id, leader) WHERE unit.id = t.id`, [
      units.map((u) => unitIds.get(u.code)), units.map((u) => (u.leader ? personIds.get(u.leader) : null)),
    ]);
    const deputies = units.flatMap((u) => u.deputies.map((deputy, rank) => ({ unitId: unitIds.get(u.code), personId: personIds.get(deputy), rank: rank + 1 })));
    await pool.query(`INSERT INTO unit_deputy (unit_id, person_id, rank) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])`, [
      deputies.map((d) => d.unitId), deputies.map((d) => d.personId), deputies.map((d) => d.rank),
    ]);
    const roles = people.flatMap((p) => p.roles.map((role) => ({ personId: personIds.get(p.aadObjectId), role: typeof role === 'string' ? role : role.role })));
    await pool.query(`INSERT INTO role_assignment (id, person_id, role) SELECT gen_random_uuid(), * FROM unnest($1::uuid[], $2::"Role"[])`, [
      roles.map((r) => r.personId), roles.map((r) => r.role),
    ]);
  });
  const context = await readDemoContext(prisma);
  if (!context.topApproverId) throw new Error('the demo organisation has no toppgodkjenner');

  const client = await pool.connect();
  try {
    const q = (text: string, values: unknown[] = []) => client.query(text, values);
    await q(`SET session_replication_role = replica`);
    await q(`SET synchronous_commit = off`);
    await q(`SET maintenance_work_mem = '1GB'`);
    await q(`SET work_mem = '256MB'`);
    await q(`SET jit = off`);

    const { rows: indexes } = await q(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1) AND indexname NOT LIKE '%_pkey'`,
      [ARCHIVE_TABLES],
    );
    await step('drop secondary indexes', async () => {
      for (const index of indexes as { indexname: string }[]) await q(`DROP INDEX "${index.indexname}"`);
    });

    // The organisation as the generator sees it: units in code order, their caseworkers in e-mail order.
    const units = context.units;
    const caseworkers = units.flatMap((unit) => unit.caseworkerIds);
    let offset = 1;
    const starts = units.map((unit) => {
      const start = offset;
      offset += unit.caseworkerIds.length;
      return start;
    });
    await q(`DROP TABLE IF EXISTS bench_unit, bench_caseworker, bench_plan, bench_words`);
    await q(
      `CREATE UNLOGGED TABLE bench_unit AS
         SELECT t.n::int - 1 AS n, t.id, t.name, t.parent_id, t.approver_id, t.cw_start::int, t.cw_count::int
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::int[], $6::int[]) WITH ORDINALITY AS t(id, name, parent_id, approver_id, cw_start, cw_count, n)`,
      [units.map((u) => u.id), units.map((u) => u.name), units.map((u) => u.parentId), units.map((u) => u.approverId ?? context.topApproverId), starts, units.map((u) => u.caseworkerIds.length)],
    );
    await q(`CREATE UNLOGGED TABLE bench_caseworker AS SELECT t.n::int AS n, t.id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`, [caseworkers]);
    await q(`CREATE UNIQUE INDEX ON bench_unit (n)`);
    await q(`CREATE UNIQUE INDEX ON bench_caseworker (n)`);

    const themes = CASE_THEMES;
    await q(
      `CREATE UNLOGGED TABLE bench_words AS
         SELECT $1::text[] AS case_t, $2::text[] AS incoming_t, $3::text[] AS reply_t, $4::text[] AS decision_t, $5::boolean[] AS enk,
                $6::text[] AS screened_t, $7::text[] AS scenarios, $8::text[] AS first_names, $9::text[] AS last_names, $10::text[] AS streets,
                $11::text[] AS goods_t, $12::text[] AS political_t, $13::text[] AS topics_t, $14::text[] AS sf_topics`,
      [
        themes.map((t) => t.caseTitle), themes.map((t) => t.incoming), themes.map((t) => t.reply), themes.map((t) => t.decision),
        themes.map((t) => t.enkeltvedtak), themes.map((t) => t.screened), SCENARIOS.map(([name]) => name), FIRST_NAMES, LAST_NAMES, STREETS, GOODS,
        POLITICAL, TOPICS, SAKSFRAMLEGG_TOPICS,
      ],
    );
    const cases = Math.ceil(set.entries / 2);
    // r % 100 → scenario by the weights: the upper bound of each scenario's range.
    let bound = 0;
    const byWeight = SCENARIOS.map(([name, weight]) => `WHEN r.r1 % 100 < ${(bound += weight)} THEN '${name}'`).join(' ');
    await step(`plan (${cases} cases)`, () =>
      q(
        `CREATE UNLOGGED TABLE bench_plan AS
         WITH hashed AS (SELECT i, md5($1 || ':' || i) AS m FROM generate_series(0, $2::int - 1) i OFFSET 0),
         rolled AS (
           SELECT i, ('x' || substr(m, 1, 4))::bit(16)::int AS r1, ('x' || substr(m, 5, 4))::bit(16)::int AS r2,
                  ('x' || substr(m, 9, 4))::bit(16)::int AS r3, ('x' || substr(m, 13, 4))::bit(16)::int AS r4,
                  ('x' || substr(m, 17, 4))::bit(16)::int AS r5, ('x' || substr(m, 21, 4))::bit(16)::int AS r6,
                  ('x' || substr(m, 25, 4))::bit(16)::int AS r7, ('x' || substr(m, 29, 4))::bit(16)::int AS r8
             FROM hashed OFFSET 0
         ),
         picked AS (
           SELECT r.*, u.id AS unit_id, u.name AS unit_name, u.parent_id, u.approver_id,
                  (SELECT id FROM bench_caseworker WHERE n = u.cw_start + r.r2 % u.cw_count) AS caseworker_id,
                  CASE WHEN r.i < $4 THEN 'unassigned'
                       WHEN r.i < $4 + cardinality(w.scenarios) THEN w.scenarios[r.i - $4 + 1]
                       ELSE CASE ${byWeight} ELSE 'backlog' END END AS scenario
             FROM rolled r
             CROSS JOIN bench_words w
             JOIN bench_unit u ON u.n = r.i % $4
            OFFSET 0
         ),
         themed AS (
           SELECT p.*, t.*,
                  w.first_names[1 + p.r4 % cardinality(w.first_names)] || ' ' || w.last_names[1 + p.r5 % cardinality(w.last_names)] AS party,
                  w.streets[1 + p.r6 % cardinality(w.streets)] || ' ' || (1 + p.r7 % 60) AS address,
                  w.goods_t[1 + p.r6 % cardinality(w.goods_t)] AS goods,
                  w.political_t[1 + p.r6 % cardinality(w.political_t)] AS political,
                  w.topics_t[1 + p.r6 % cardinality(w.topics_t)] AS topic,
                  w.sf_topics[1 + p.r7 % cardinality(w.sf_topics)] AS sf_topic
             FROM picked p
             CROSS JOIN bench_words w
             CROSS JOIN LATERAL (
               SELECT w.case_t[k] AS case_template, w.incoming_t[k] AS incoming_template, w.reply_t[k] AS reply_template,
                      w.decision_t[k] AS decision_template, w.enk[k] AS theme_enkeltvedtak, w.screened_t[k] AS screened
                 FROM (SELECT CASE WHEN p.scenario = 'forelopigSvar' AND NOT w.enk[1 + p.r3 % cardinality(w.case_t)]
                                   THEN 1 ELSE 1 + p.r3 % cardinality(w.case_t) END AS k) kk
             ) t
         )
         SELECT i, scenario, unit_id, parent_id, approver_id,
                CASE WHEN scenario IN ('unassigned', 'toDistribute') THEN NULL ELSE caseworker_id END AS caseworker_id,
                r6, r7, r8, screened, party,
                theme_enkeltvedtak OR scenario = 'forelopigSvar' AS enkeltvedtak,
                replace(replace(replace(replace(replace(replace(x.case_template, '{navn}', party), '{adresse}', address), '{vare}', goods), '{politisk}', political), '{tema}', topic), '{enhet}', unit_name) AS case_title,
                replace(replace(replace(replace(replace(replace(x.incoming_template, '{navn}', party), '{adresse}', address), '{vare}', goods), '{politisk}', political), '{tema}', topic), '{enhet}', unit_name) AS incoming,
                replace(replace(replace(replace(replace(replace(x.reply_template, '{navn}', party), '{adresse}', address), '{vare}', goods), '{politisk}', political), '{tema}', topic), '{enhet}', unit_name) AS reply,
                replace(replace(replace(replace(replace(replace(x.decision_template, '{navn}', party), '{adresse}', address), '{vare}', goods), '{politisk}', political), '{tema}', topic), '{enhet}', unit_name) AS decision,
                sf_topic,
                -- The request's received date, by scenario (days before today).
                $3::date - CASE scenario
                  WHEN 'unassigned' THEN r8 % 4 WHEN 'toDistribute' THEN r8 % 3 WHEN 'inbox' THEN 1
                  WHEN 'overdue' THEN 15 + r8 % 26 WHEN 'forelopigSvar' THEN 21 + r8 % 9 WHEN 'provisional' THEN r8 % 6
                  WHEN 'saksframleggSU' THEN 1 + r8 % 10 WHEN 'saksframleggRE' THEN 1 + r8 % 10 WHEN 'saksframleggKL' THEN 1 + r8 % 10
                  ELSE 2 + r8 % 39 END AS received,
                -- Half the § 11 a cases have had their foreløpig svar; half the closing cases can close.
                r6 % 2 = 0 AS half
           FROM themed, LATERAL (SELECT case_template, incoming_template, reply_template, decision_template) x`,
        [set.seed, cases, set.today, units.length],
      ),
    );

    const caseId = `md5('case:' || $1 || ':' || p.i)::uuid`;
    /** The case's year and sequence, which its entries carry too. */
    const caseNumber = `extract(year FROM $2::date)::int, p.i + 1`;
    const entryId = (sequence: number) => `md5('entry:' || $1 || ':' || p.i || ':${sequence}')::uuid`;
    const saksframlegg = `p.scenario IN ('saksframleggSU', 'saksframleggRE', 'saksframleggKL')`;
    await step('cases', () =>
      q(
        `INSERT INTO archive_case (id, year, sequence, title, public_title, status, unit_id, saksansvarlig_id, obs_date, enkeltvedtak, last_action, last_changed_at, updated_at)
         SELECT ${caseId}, ${caseNumber},
                CASE WHEN ${saksframlegg} THEN 'Politisk sak – ' || p.sf_topic ELSE p.case_title END,
                CASE WHEN p.screened IS NOT NULL AND NOT ${saksframlegg} AND strpos(p.case_title, p.party) > 0 THEN replace(p.case_title, p.party, '*****') END,
                CASE p.scenario WHEN 'reserved' THEN 'R' WHEN 'closing' THEN 'F' ELSE 'B' END,
                coalesce(p.parent_id, p.unit_id), p.caseworker_id,
                CASE WHEN p.caseworker_id IS NOT NULL AND p.scenario NOT IN ('reserved', 'closing') AND p.r7 % 10 < 3 THEN $2::date + (p.r6 % 31 - 10) END,
                p.enkeltvedtak, 'registered', $3::timestamptz, $3::timestamptz
           FROM bench_plan p`,
        [set.seed, set.today, set.now],
      ),
    );

    // The request (sequence 1) and what followed it (sequence 2), both from the plan.
    const screenedOf = (title: string) =>
      `CASE WHEN p.screened IS NOT NULL AND strpos(${title}, p.party) > 0 THEN replace(${title}, p.party, '*****') END`;
    /** The request carries the incoming letter's title (a saksframlegg, a note and an XX entry have their own, unscreened). */
    const ownTitle = `NOT (${saksframlegg} OR p.scenario IN ('notes', 'provisional'))`;
    const followUp = `p.scenario IN ('forelopigSvar', 'answered', 'decision', 'draft', 'letterForApproval', 'toRegisterFinally', 'reserved', 'closing')`;
    const replyDate = `least($2::date, p.received + CASE WHEN p.scenario = 'forelopigSvar' THEN 3 ELSE 1 + p.r7 % 5 END)`;
    const replyTitle = `CASE WHEN p.scenario = 'forelopigSvar' AND p.half THEN 'Foreløpig svar – ' || p.party
                             WHEN p.scenario IN ('decision', 'letterForApproval', 'closing') THEN p.decision ELSE p.reply END`;
    const noteTitle = `'Internt notat – ' || lower(split_part(p.case_title, ' –', 1))`;
    const requestTitle = `CASE WHEN ${saksframlegg} THEN 'Saksframlegg – ' || p.sf_topic
                               WHEN p.scenario = 'notes' THEN 'Notat – oppfølging av ' || lower(split_part(p.case_title, ' –', 1)) ELSE p.incoming END`;
    const placement = `CASE WHEN p.scenario = 'toDistribute' THEN NULL ELSE coalesce(p.parent_id, p.unit_id) END,
                       CASE WHEN p.scenario = 'toDistribute' OR p.parent_id IS NULL THEN NULL ELSE p.unit_id END`;
    const columns = `id, case_id, case_year, case_sequence, case_enkeltvedtak, sequence, title, public_title, type, status, unit_id, sub_unit_id, caseworker_id, assigned_at, received_date,
                     due_date, needs_due_date, access_code, legal_basis, screened_fields, behandlingsstatus, write_off_method, write_off_date,
                     write_off_by_id, write_off_reply_id, last_action, last_changed_at, updated_at`;
    await step('entries', async () => {
      await q(
        `INSERT INTO archive_entry (${columns})
         SELECT ${entryId(1)}, ${caseId}, ${caseNumber}, p.enkeltvedtak, 1, ${requestTitle},
                CASE WHEN ${ownTitle} THEN ${screenedOf('p.incoming')} END,
                CASE WHEN ${saksframlegg} THEN 'S' WHEN p.scenario = 'notes' THEN 'N' ELSE 'I' END,
                CASE p.scenario WHEN 'unassigned' THEN CASE WHEN p.half THEN 'M' ELSE 'J' END WHEN 'toDistribute' THEN 'M' WHEN 'provisional' THEN 'S'
                                WHEN 'saksframleggRE' THEN 'G' WHEN 'saksframleggSU' THEN 'F' WHEN 'saksframleggKL' THEN 'F' ELSE 'J' END,
                ${placement}, p.caseworker_id,
                CASE WHEN p.caseworker_id IS NULL THEN NULL
                     WHEN p.scenario = 'inbox' THEN $3::timestamptz - make_interval(hours => 1 + p.r7 % 15)
                     ELSE p.received + time '09:00' END,
                p.received,
                CASE p.scenario WHEN 'overdue' THEN $2::date - (1 + p.r7 % 10) WHEN 'dueSoon' THEN $2::date + p.r7 % 15 END,
                p.scenario = 'needsDueDate',
                CASE WHEN p.scenario = 'provisional' THEN 'XX' WHEN ${ownTitle} AND ${screenedOf('p.incoming')} IS NOT NULL THEN p.screened END,
                CASE WHEN ${ownTitle} AND ${screenedOf('p.incoming')} IS NOT NULL THEN '13' END,
                CASE WHEN ${ownTitle} AND ${screenedOf('p.incoming')} IS NOT NULL THEN ARRAY['tittel', 'korrespondansepart'] ELSE ARRAY[]::text[] END,
                CASE p.scenario WHEN 'saksframleggSU' THEN 'SU' WHEN 'saksframleggRE' THEN 'RE' WHEN 'saksframleggKL' THEN 'KL' END,
                CASE WHEN p.scenario = 'forelopigSvar' AND p.half THEN '***'
                     WHEN p.scenario IN ('answered', 'decision') OR (p.scenario = 'closing' AND p.half) THEN 'BU' END,
                CASE WHEN (p.scenario = 'forelopigSvar' AND p.half) OR p.scenario IN ('answered', 'decision') OR (p.scenario = 'closing' AND p.half) THEN ${replyDate} END,
                CASE WHEN (p.scenario = 'forelopigSvar' AND p.half) OR p.scenario IN ('answered', 'decision') OR (p.scenario = 'closing' AND p.half) THEN p.caseworker_id END,
                CASE WHEN p.scenario IN ('answered', 'decision') OR (p.scenario = 'closing' AND p.half) THEN ${entryId(2)} END,
                'registered', $3::timestamptz, $3::timestamptz
           FROM bench_plan p`,
        [set.seed, set.today, set.now],
      );
      await q(
        `INSERT INTO archive_entry (${columns})
         SELECT ${entryId(2)}, ${caseId}, ${caseNumber}, p.enkeltvedtak, 2,
                CASE WHEN ${followUp} THEN ${replyTitle} ELSE ${noteTitle} END,
                CASE WHEN ${followUp} THEN ${screenedOf(replyTitle)} END,
                CASE WHEN ${followUp} THEN 'U' ELSE 'X' END,
                CASE WHEN NOT ${followUp} THEN CASE WHEN p.scenario = 'notes' THEN 'F' ELSE 'J' END
                     WHEN p.scenario IN ('draft', 'letterForApproval', 'reserved') OR (p.scenario = 'forelopigSvar' AND NOT p.half) THEN 'R'
                     WHEN p.scenario = 'toRegisterFinally' THEN 'F' WHEN p.scenario = 'closing' THEN 'J' ELSE 'E' END,
                ${placement}, p.caseworker_id,
                CASE WHEN p.caseworker_id IS NOT NULL THEN p.received + time '09:00' END,
                CASE WHEN p.scenario IN ('draft', 'letterForApproval', 'reserved') OR (p.scenario = 'forelopigSvar' AND NOT p.half) THEN $2::date ELSE ${replyDate} END,
                NULL, false,
                CASE WHEN ${followUp} AND ${screenedOf(replyTitle)} IS NOT NULL THEN p.screened END,
                CASE WHEN ${followUp} AND ${screenedOf(replyTitle)} IS NOT NULL THEN '13' END,
                CASE WHEN ${followUp} AND ${screenedOf(replyTitle)} IS NOT NULL THEN ARRAY['tittel', 'korrespondansepart'] ELSE ARRAY[]::text[] END,
                NULL, NULL, NULL, NULL, NULL,
                'registered', $3::timestamptz, $3::timestamptz
           FROM bench_plan p
          WHERE 2 * p.i + 1 < $4`,
        [set.seed, set.today, set.now, set.entries],
      );
    });

    await step('approval steps and decisions', async () => {
      // A letter for approval waits with the unit's approver; a saksframlegg is at SU (leader),
      // RE (leader approved, waiting with the top approver) or KL (approved by both).
      await q(
        `INSERT INTO archive_approval_step (id, entry_id, chain, "order", approver_id, sender_id, flytstatus, merknad, decided_at, decided_by_id, created_at)
         SELECT md5('step:' || $1 || ':' || p.i || ':' || s.n)::uuid,
                CASE WHEN p.scenario = 'letterForApproval' THEN ${entryId(2)} ELSE ${entryId(1)} END,
                1, s.n, s.approver, s.sender, s.flytstatus,
                CASE WHEN p.scenario = 'letterForApproval' THEN 'Til godkjenning' WHEN s.n = 1 THEN 'Til godkjenning før utvalgsmøtet'
                     ELSE 'Godkjent av leder, til endelig godkjenning' END,
                CASE WHEN s.flytstatus = 'V' THEN NULL ELSE $2::timestamptz - make_interval(hours => 1 + (p.r8 + s.n) % 72) END,
                CASE WHEN s.flytstatus = 'V' THEN NULL ELSE s.approver END,
                $2::timestamptz - make_interval(hours => 1 + p.r6 % 200, secs => s.n)
           FROM bench_plan p
           CROSS JOIN LATERAL (VALUES
             (1, p.approver_id, p.caseworker_id, CASE WHEN p.scenario IN ('letterForApproval', 'saksframleggSU') THEN 'V' ELSE 'G' END),
             (2, $3::uuid, p.approver_id, CASE WHEN p.scenario = 'saksframleggRE' THEN 'V' ELSE 'G' END)) s(n, approver, sender, flytstatus)
          WHERE p.approver_id IS NOT NULL AND p.approver_id <> $3::uuid AND p.caseworker_id IS NOT NULL
            AND ((p.scenario IN ('letterForApproval', 'saksframleggSU') AND s.n = 1) OR (p.scenario IN ('saksframleggRE', 'saksframleggKL')))
            AND (p.scenario <> 'letterForApproval' OR 2 * p.i + 1 < $4)`,
        [set.seed, set.now, context.topApproverId, set.entries],
      );
      await q(
        `INSERT INTO archive_decision (id, case_id, case_year, case_sequence, entry_id, entry_sequence, title, decided_date, responsible_id)
         SELECT md5('decision:' || $1 || ':' || p.i)::uuid, ${caseId}, ${caseNumber}, ${entryId(2)}, 2, p.decision, ${replyDate}, p.caseworker_id
           FROM bench_plan p WHERE p.scenario = 'decision' AND 2 * p.i + 1 < $3`,
        [set.seed, set.today, set.entries],
      );
      // 2 % of the people are away today (some leaders among them).
      await q(
        `INSERT INTO absence (id, person_id, from_date, to_date)
         SELECT md5('absence:' || $1 || ':' || p.id)::uuid, p.id, $2::date - 2, $2::date + 5
           FROM person p WHERE p.active AND ('x' || substr(md5($1 || ':away:' || p.aad_object_id), 1, 4))::bit(16)::int % 50 = 0`,
        [set.seed, set.today],
      );
    });

    await step('secondary indexes', async () => {
      for (const index of indexes as { indexdef: string }[]) await q(index.indexdef);
    });
    await q(`DROP TABLE bench_plan, bench_unit, bench_caseworker, bench_words`);
    await q(`SET session_replication_role = origin`);
    await step('VACUUM ANALYZE', async () => {
      for (const table of [...ARCHIVE_TABLES, 'person', 'unit', 'role_assignment', 'unit_deputy', 'absence']) await q(`VACUUM ANALYZE ${table}`);
    });
    await q(`CREATE TABLE bench_set (people int NOT NULL, entries int NOT NULL, seed text NOT NULL, today date NOT NULL, now timestamptz NOT NULL)`);
    const { rows } = await q(`SELECT (SELECT count(*) FROM person WHERE active)::int AS people, (SELECT count(*) FROM archive_entry)::int AS entries`);
    const counted = rows[0] as { people: number; entries: number };
    await q(`INSERT INTO bench_set VALUES ($1, $2, $3, $4, $5)`, [counted.people, counted.entries, set.seed, set.today, set.now]);
    if (counted.entries !== set.entries) throw new Error(`loaded ${counted.entries} entries, not ${set.entries}`);
  } finally {
    client.release();
  }
  return { ms };
}
