import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../infra/database.js';
import { applyMigrations, MIGRATIONS_DIR } from '../../infra/migrate.js';
import { createServerDatabase, testServerUrl } from '../support/database.js';

const MIGRATION = '20261126153458_support_channel_cards';
const PERSON = '6f1d1b1e-0000-4000-8000-000000000001';
const WITH_CARD = '6f1d1b1e-0000-4000-8000-000000000002';
const WITHOUT_CARD = '6f1d1b1e-0000-4000-8000-000000000003';

describe(`migration ${MIGRATION}`, () => {
  it('moves the first-line card of every henvendelse that had one into support_channel_card and drops the two columns', async () => {
    const { url, drop } = await createServerDatabase(testServerUrl());
    const database = await openDatabase({ url, poolSize: 2 });
    const before = await mkdtemp(join(tmpdir(), 'arkivlos-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, before, { recursive: true });
      await rm(join(before, MIGRATION), { recursive: true });
      await applyMigrations(database.pool, before);
      await database.pool.query(`INSERT INTO person (id, aad_object_id, name, email, updated_at) VALUES ('${PERSON}', 'aad-1', 'Alex Wilber', 'alex@eksempel.no', now())`);
      for (const [id, sequence, card] of [
        [WITH_CARD, 1, `42, '19:arkivet-kanal@thread.tacv2'`],
        [WITHOUT_CARD, 2, 'NULL, NULL'],
      ] as const) {
        await database.pool.query(
          `INSERT INTO support_request (id, number, year, sequence, requester_id, what, category, intake_key, created_at, updated_at, channel_card_message_id, channel_conversation_id)
           VALUES ('${id}', 'BS-2026-0000${sequence}', 2026, ${sequence}, '${PERSON}', 'Flytte journalpost', 'annet', 'key-${sequence}', '2026-11-20T10:00:00Z', now(), ${card})`,
        );
      }

      expect(await applyMigrations(database.pool)).toEqual([MIGRATION]);
      const { rows } = await database.pool.query('SELECT request_id, conversation_id, message_id, line, created_at FROM support_channel_card');
      expect(rows).toEqual([{ request_id: WITH_CARD, conversation_id: '19:arkivet-kanal@thread.tacv2', message_id: '42', line: 'forstelinje', created_at: new Date('2026-11-20T10:00:00Z') }]);
      const columns = await database.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'support_request' AND column_name LIKE 'channel_%'`);
      expect(columns.rows).toEqual([]);
    } finally {
      await database.close();
      await drop();
      await rm(before, { recursive: true, force: true });
    }
  });
});
